import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { signViewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestGraph, TEST_ENV, type TestGraph } from '../support/graph';

const estate = generateDemoEstate();
const conversion = estate.links.find((link) => link.linkType === 'Predecessor')!;
const moved = estate.memberships.find((membership) => membership.leftOn !== null)!;
const movedTo = estate.memberships.find(
  (membership) => membership.urn === moved.urn && membership.joinedOn === moved.leftOn,
)!;
const middlesbrough = estate.schools.filter((school) => school.laCode === '806');

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph('academies');
});
afterAll(() => graph?.close());

describe('schools through the gateway', () => {
  it('answers a school by URN with its LA, trust and GIAS facts', async () => {
    const academy = estate.schools.find((school) => school.urn === conversion.urn)!;
    const res = await graph.query<{ school: Record<string, unknown> }>(
      `query ($urn: Int!) { school(urn: $urn) {
        urn name laestab phase isAcademy academyRoute convertedOn status
        localAuthority { code name }
        trust { groupUid name type joinedOn }
      } }`,
      { urn: academy.urn },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.school).toMatchObject({
      urn: academy.urn,
      name: academy.name,
      laestab: `${academy.laCode}${String(academy.establishmentNumber).padStart(4, '0')}`,
      isAcademy: true,
      convertedOn: academy.openedOn,
      status: 'OPEN',
      localAuthority: { code: academy.laCode },
    });
    const membership = estate.memberships.find((m) => m.urn === academy.urn && m.leftOn === null);
    expect((res.data?.school.trust as { groupUid: string } | null)?.groupUid).toBe(
      membership?.groupUid,
    );
  });

  it('pages through an LA filter with a stable total and no repeats', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res: Awaited<ReturnType<typeof graph.query>> = await graph.query(
        `query ($after: String) { schools(first: 20, after: $after, filter: { laCode: "806" }) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { urn } } } }`,
        { after },
      );
      const page = (res.data as { schools: SchoolPage }).schools;
      total = page.totalCount;
      seen.push(...page.edges.map((edge) => edge.node.urn));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(middlesbrough.length);
    expect(seen).toEqual(middlesbrough.map((school) => school.urn).sort((a, b) => a - b));
  });

  it('filters by phase, status, type group and name together', async () => {
    const res = await graph.query<{ schools: SchoolPage }>(
      `{ schools(first: 100, filter: { phase: SECONDARY, status: OPEN, typeGroupCode: 10, nameContains: "academy" }) {
        totalCount edges { node { urn } } } }`,
    );
    const expected = estate.schools.filter(
      (s) =>
        s.phaseCode === 4 &&
        s.statusCode === 1 &&
        s.typeGroupCode === 10 &&
        s.name.toLowerCase().includes('academy'),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(res.data?.schools.totalCount).toBe(expected.length);
  });

  it('lists a trust’s schools as they were on each date asked', async () => {
    const query = `query ($uid: ID!, $on: Date) { trust(groupUid: $uid) { name schools(on: $on) {
      totalCount edges { joinedOn leftOn node { urn } } } } }`;
    const before = await graph.query<{ trust: TrustPage }>(query, {
      uid: moved.groupUid,
      on: moved.joinedOn,
    });
    const after = await graph.query<{ trust: TrustPage }>(query, {
      uid: moved.groupUid,
      on: moved.leftOn,
    });
    const urnsBefore = before.data!.trust.schools.edges.map((edge) => edge.node.urn);
    const urnsAfter = after.data!.trust.schools.edges.map((edge) => edge.node.urn);
    expect(urnsBefore).toContain(moved.urn);
    expect(urnsAfter).not.toContain(moved.urn);

    const newTrust = await graph.query<{ trust: TrustPage }>(query, {
      uid: movedTo.groupUid,
      on: moved.leftOn,
    });
    const edge = newTrust.data!.trust.schools.edges.find((e) => e.node.urn === moved.urn);
    expect(edge?.joinedOn).toBe(moved.leftOn);
  });

  it('resolves predecessor and successor links both ways', async () => {
    const res = await graph.query<{ academy: LinkView; predecessor: LinkView }>(
      `query ($academy: Int!, $predecessor: Int!) {
        academy: school(urn: $academy) { predecessorUrns successorUrns links { urn linkType establishedOn } }
        predecessor: school(urn: $predecessor) { predecessorUrns successorUrns status closedOn }
      }`,
      { academy: conversion.urn, predecessor: conversion.linkedUrn },
    );
    expect(res.data?.academy.predecessorUrns).toEqual([conversion.linkedUrn]);
    expect(res.data?.academy.links).toContainEqual({
      urn: conversion.linkedUrn,
      linkType: 'Predecessor',
      establishedOn: conversion.establishedOn,
    });
    expect(res.data?.predecessor).toMatchObject({
      successorUrns: [conversion.urn],
      predecessorUrns: [],
      status: 'CLOSED',
    });
  });

  it('lists local authorities and their schools with totals', async () => {
    const res = await graph.query<{
      localAuthorities: { code: string; schools: { totalCount: number; edges: unknown[] } }[];
    }>(
      `{ localAuthorities { code name schools(first: 5) { totalCount edges { node { urn } } } } }`,
    );
    expect(res.data?.localAuthorities.map((la) => la.code).sort()).toEqual(
      estate.localAuthorities.map((la) => la.code).sort(),
    );
    const mbro = res.data!.localAuthorities.find((la) => la.code === '806')!;
    expect(mbro.schools.totalCount).toBe(middlesbrough.length);
    expect(mbro.schools.edges).toHaveLength(5);
  });
});

describe('batching', () => {
  it('lists every LA with a page of schools in a constant number of statements', async () => {
    const log = graph.subgraphs.academies!.queryLog;
    const statements = await log.countDuring(() =>
      graph.query(`{ localAuthorities { code schools(first: 3) { totalCount edges { node {
        urn localAuthority { name } trust { name } predecessorUrns } } } } }`),
    );
    expect(statements).toBeLessThanOrEqual(6);
  });

  it('resolves 100 schools through _entities in at most 2 statements', async () => {
    const academies = graph.subgraphs.academies!;
    const urns = estate.schools.slice(0, 100).map((school) => school.urn);
    const statements = await academies.queryLog.countDuring(async () => {
      const res = await postGraphQL<{ _entities: { urn: number; name: string }[] }>(
        academies.server.url,
        {
          query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { urn name } } }`,
          variables: { r: urns.map((urn) => ({ __typename: 'School', urn })) },
        },
        signViewer({ role: 'PUBLIC' }, TEST_ENV.GATEWAY_SECRET),
      );
      expect(res.data?._entities.map((entity) => entity.urn)).toEqual(urns);
    });
    expect(statements).toBeLessThanOrEqual(2);
  });

  it('answers null for an unknown key among known ones, in order', async () => {
    const academies = graph.subgraphs.academies!;
    const res = await postGraphQL<{ _entities: ({ urn: number } | null)[] }>(
      academies.server.url,
      {
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on School { urn } } }`,
        variables: {
          r: [
            { __typename: 'School', urn: estate.schools[1]!.urn },
            { __typename: 'School', urn: 999999 },
            { __typename: 'School', urn: estate.schools[0]!.urn },
          ],
        },
      },
      signViewer({ role: 'PUBLIC' }, TEST_ENV.GATEWAY_SECRET),
    );
    expect(res.data?._entities).toEqual([
      { urn: estate.schools[1]!.urn },
      null,
      { urn: estate.schools[0]!.urn },
    ]);
  });
});

describe('only the gateway may call a subgraph', () => {
  const entities = {
    query: `{ _entities(representations: [{ __typename: "School", urn: 111000 }]) { ... on School { name } } }`,
  };

  it('refuses a request without the signed viewer with 401', async () => {
    const res = await postGraphQL(graph.subgraphs.academies!.server.url, entities);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data).toBeUndefined();
  });

  it('refuses a viewer signed with another secret', async () => {
    const res = await postGraphQL(
      graph.subgraphs.academies!.server.url,
      entities,
      signViewer({ role: 'DFE' }, 'not-the-gateway-secret'),
    );
    expect(res.status).toBe(401);
  });

  it('refuses a signed viewer replayed after the window', async () => {
    const stale = signViewer({ role: 'DFE' }, TEST_ENV.GATEWAY_SECRET, Date.now() - 10 * 60_000);
    const res = await postGraphQL(graph.subgraphs.academies!.server.url, entities, stale);
    expect(res.status).toBe(401);
  });
});

describe('bad input gets a clear error with a code', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['an unknown URN', `{ school(urn: 999998) { name } }`, {}, 'NOT_FOUND'],
    ['a malformed URN', `{ school(urn: 12345) { name } }`, {}, 'BAD_USER_INPUT'],
    ['first: 0', `{ schools(first: 0) { totalCount } }`, {}, 'BAD_USER_INPUT'],
    ['first: 101', `{ schools(first: 101) { totalCount } }`, {}, 'BAD_USER_INPUT'],
    [
      'an impossible date literal',
      `{ trust(groupUid: "${moved.groupUid}") { schools(on: "2023-02-29") { totalCount } } }`,
      {},
      'BAD_USER_INPUT',
    ],
    [
      'a malformed date variable',
      `query ($on: Date) { trust(groupUid: "${moved.groupUid}") { schools(on: $on) { totalCount } } }`,
      { on: '03/12/2026' },
      'BAD_USER_INPUT',
    ],
    ['an unknown LA', `{ localAuthority(code: "999") { name } }`, {}, 'NOT_FOUND'],
    ['a malformed LA code', `{ localAuthority(code: "80") { name } }`, {}, 'BAD_USER_INPUT'],
    [
      'a cursor we never issued',
      `{ schools(first: 5, after: "bm9wZQ") { totalCount } }`,
      {},
      'BAD_USER_INPUT',
    ],
  ];

  it.each(cases)('rejects %s', async (_name, query, variables, code) => {
    const res = await graph.query(query, variables);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
  });
});

describe('the gateway', () => {
  it('treats a request without a token as public and one with a bad token as unauthenticated', async () => {
    const anonymous = await graph.query(`{ localAuthority(code: "806") { name } }`);
    expect(anonymous.data).toEqual({ localAuthority: { name: 'Middlesbrough' } });

    const forged = await graph.query(
      `{ localAuthority(code: "806") { name } }`,
      {},
      {
        token: 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiREZFIn0.c2lnbmF0dXJl',
      },
    );
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a token it signed and refuses a scoped role without its scope', async () => {
    const la = await graph.token({ role: 'LA', laCode: '806' });
    const ok = await graph.query(`{ localAuthority(code: "806") { name } }`, {}, { token: la });
    expect(ok.status).toBe(200);

    const unscoped = await graph.token({ role: 'LA' });
    const refused = await graph.query(
      `{ localAuthority(code: "806") { name } }`,
      {},
      {
        token: unscoped,
      },
    );
    expect(refused.status).toBe(401);
  });

  it('answers health and readiness', async () => {
    const base = graph.gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('refuses batched HTTP requests', async () => {
    const batch = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ localAuthorities { code } }' }]),
    });
    expect(batch.status).toBe(400);
  });
});

interface SchoolPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { urn: number } }[];
}

interface TrustPage {
  name: string;
  schools: {
    totalCount: number;
    edges: { joinedOn: string; leftOn: string | null; node: { urn: number } }[];
  };
}

interface LinkView {
  predecessorUrns: number[];
  successorUrns: number[];
  links?: { urn: number; linkType: string; establishedOn: string | null }[];
  status?: string;
}
