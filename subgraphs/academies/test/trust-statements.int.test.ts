import { QueryLog, Role, type SubgraphServer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import { generateDemoEstate } from '../src/seed/demo-estate';
import { writeEstate } from '../src/seed/seed';
import { createAcademiesServer } from '../src/server';
import { type AcademiesTestDb, openAcademiesTestDb, TEST_CONFIG } from './support/academies-db';

const queryLog = new QueryLog();
let db: AcademiesTestDb;
let server: SubgraphServer;
let openUrns: number[];

const trustOf = (size: number) => `8${String(size).padStart(5, '0')}`;
const FORMER_MEMBER_LEFT_ON = '2019-09-01';

beforeAll(async () => {
  db = await openAcademiesTestDb('academies_trust_statements', queryLog);
  const estate = generateDemoEstate();
  openUrns = estate.schools
    .filter((school) => school.closedOn === null)
    .map((school) => school.urn)
    .sort((a, b) => a - b);
  // Trusts of 5 and 50 of the demo's open schools, each with one school that has since left.
  for (const size of [5, 50]) {
    const groupUid = trustOf(size);
    estate.trusts.push({
      ...estate.trusts[0]!,
      groupUid,
      groupId: `TR${groupUid}`,
      name: `Trust of ${size} schools`,
    });
    const members = openUrns.slice(0, size + 1);
    members.forEach((urn, index) =>
      estate.memberships.push({
        groupUid,
        urn,
        joinedOn: index === size ? '2015-09-01' : '2020-09-01',
        leftOn: index === size ? FORMER_MEMBER_LEFT_ON : null,
      }),
    );
  }
  await writeEstate(db.orm, estate);
  server = await createAcademiesServer(TEST_CONFIG, { orm: db.orm });
}, 60_000);
afterAll(async () => {
  await server?.apollo.stop();
  await db?.close();
});

async function run<T>(query: string, variables: Record<string, unknown>) {
  const contextValue = createContext(db.orm, { role: Role.DfE, subject: 'test' }, 'test');
  let data: T | undefined;
  const statements = await queryLog.countDuring(async () => {
    const response = await server.apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    data = response.body.singleResult.data as T;
  });
  return { data: data!, statements };
}

/** What the gateway asks academies for the TrustProfile operation, `@requires` data included. */
const TRUST_PROFILE_FETCH = `query ($groupUid: ID!, $first: Int!) {
  trust(groupUid: $groupUid) {
    __typename groupUid name type
    membershipSpans { urn joinedOn leftOn }
    schools(first: $first) {
      totalCount
      edges { joinedOn node {
        __typename urn name phase predecessorUrns
        localAuthority { code }
        trustHistory { groupUid joinedOn leftOn }
      } }
    }
  }
}`;

interface TrustProfileData {
  trust: {
    membershipSpans: { urn: number; leftOn: string | null }[];
    schools: {
      totalCount: number;
      edges: { node: { urn: number; localAuthority: { code: string }; trustHistory: unknown[] } }[];
    };
  };
}

const SCHOOL_ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on School { urn predecessorUrns localAuthority { code name } trustHistory { groupUid } }
  }
}`;

describe('the trust query’s academies fetch', () => {
  it('takes three statements for a trust of 5 schools and for one of 50', async () => {
    for (const size of [5, 50]) {
      const { data, statements } = await run<TrustProfileData>(TRUST_PROFILE_FETCH, {
        groupUid: trustOf(size),
        first: size,
      });
      // The trust; every span of it with its schools; the schools' LA, trust history and links.
      expect(statements).toBe(3);
      expect(data.trust.schools.totalCount).toBe(size);
      expect(data.trust.schools.edges).toHaveLength(size);
      expect(data.trust.schools.edges[0]?.node.trustHistory).toContainEqual({
        groupUid: trustOf(size),
        joinedOn: '2020-09-01',
        leftOn: null,
      });
    }
  });

  it('gives every span, the former member’s too, while schools lists today’s members', async () => {
    const { data } = await run<TrustProfileData>(TRUST_PROFILE_FETCH, {
      groupUid: trustOf(5),
      first: 100,
    });
    expect(data.trust.membershipSpans).toHaveLength(6);
    expect(data.trust.membershipSpans.map((span) => span.leftOn)).toContain(FORMER_MEMBER_LEFT_ON);
    expect(data.trust.schools.edges.map((edge) => edge.node.urn)).toEqual(openUrns.slice(0, 5));
  });

  it('answers 50 schools’ LA, trust history and predecessors in two statements, as for one', async () => {
    const representations = (count: number) =>
      openUrns.slice(0, count).map((urn) => ({ __typename: 'School', urn }));
    const one = await run(SCHOOL_ENTITIES, { representations: representations(1) });
    const fifty = await run<{ _entities: { localAuthority: { name: string } }[] }>(
      SCHOOL_ENTITIES,
      { representations: representations(50) },
    );
    expect(fifty.data._entities).toHaveLength(50);
    expect(fifty.data._entities.every((school) => school.localAuthority.name)).toBe(true);
    // The schools themselves, then what hangs off them.
    expect(one.statements).toBe(2);
    expect(fifty.statements).toBe(2);
  });

  it('answers a school profile’s academies fetch, its trust on two dates included, in two statements', async () => {
    const { data, statements } = await run<{
      school: {
        localAuthority: { code: string };
        trust: { groupUid: string } | null;
        before: { groupUid: string } | null;
      };
    }>(
      `query ($urn: Int!) { school(urn: $urn) {
        urn name phase localAuthority { code name }
        trust { groupUid name joinedOn }
        before: trust(on: "2016-01-01") { groupUid }
      } }`,
      { urn: openUrns[0] },
    );
    expect(statements).toBe(2);
    // The test trusts share their first schools, so either is the school's trust today.
    expect([trustOf(5), trustOf(50)]).toContain(data.school.trust?.groupUid);
    expect(data.school.before).toBeNull();
    expect(data.school.localAuthority.code).toMatch(/^\d{3}$/);
  });
});
