import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestGraph, type TestGraph } from '../support/graph';

const urn = generateDemoEstate().schools[0]!.urn;
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph('limits');
});
afterAll(() => graph?.close());

/** Runs a query and tells how many SQL statements reached the academies subgraph meanwhile. */
async function queryCountingSql(query: string, variables: Record<string, unknown> = {}) {
  let response!: Awaited<ReturnType<TestGraph['query']>>;
  const statements = await graph.subgraphs.academies!.queryLog.countDuring(async () => {
    response = await graph.query(query, variables);
  });
  return { response, statements };
}

function expectRefusedBeforeAnySubgraph(
  result: Awaited<ReturnType<typeof queryCountingSql>>,
  code: string,
) {
  expect(result.response.errors?.[0]?.extensions?.code).toBe(code);
  expect(result.response.data ?? null).toBeNull();
  expect(result.statements).toBe(0);
}

const depthTen = `{ school(urn: ${urn}) { localAuthority { schools(first: 1) { edges { node {
  localAuthority { schools(first: 1) { edges { node { urn } } } } } } } } } }`;
const depthEleven = `{ school(urn: ${urn}) { localAuthority { schools(first: 1) { edges { node {
  localAuthority { schools(first: 1) { edges { node { localAuthority { code } } } } } } } } } } }`;

const aliases = (n: number) =>
  `{ school(urn: ${urn}) { ${Array.from({ length: n }, (_, i) => `a${i}: name`).join(' ')} } }`;
const rootFields = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `r${i}: localAuthority(code: "806") { code }`).join(' ')} }`;
const directives = (n: number) =>
  `{ school(urn: ${urn}) { ${Array.from({ length: n }, () => 'name @include(if: true)').join(' ')} } }`;
/** `{ school(urn: X) {` and `} }` are 9 tokens; each repeated field adds one. */
const tokens = (n: number) => `{ school(urn: ${urn}) { ${'name '.repeat(n - 9)}} }`;

describe('operation limits at the gateway', () => {
  it('accepts depth 10 and refuses depth 11 before any subgraph is called', async () => {
    const ok = await queryCountingSql(depthTen);
    expect(ok.response.errors).toBeUndefined();
    expectRefusedBeforeAnySubgraph(await queryCountingSql(depthEleven), 'OPERATION_LIMIT_EXCEEDED');
  });

  it('accepts 15 aliases and refuses 16', async () => {
    expect((await graph.query(aliases(15))).errors).toBeUndefined();
    expectRefusedBeforeAnySubgraph(await queryCountingSql(aliases(16)), 'OPERATION_LIMIT_EXCEEDED');
  });

  it('accepts 10 root fields and refuses 11', async () => {
    expect((await graph.query(rootFields(10))).errors).toBeUndefined();
    expectRefusedBeforeAnySubgraph(
      await queryCountingSql(rootFields(11)),
      'OPERATION_LIMIT_EXCEEDED',
    );
  });

  it('accepts 10 directives and refuses 11', async () => {
    expect((await graph.query(directives(10))).errors).toBeUndefined();
    expectRefusedBeforeAnySubgraph(
      await queryCountingSql(directives(11)),
      'OPERATION_LIMIT_EXCEEDED',
    );
  });

  it('accepts 2,000 tokens and refuses 2,001', async () => {
    expect((await graph.query(tokens(2000))).errors).toBeUndefined();
    const refused = await queryCountingSql(tokens(2001));
    expect(refused.response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(refused.response.errors?.[0]?.message).toMatch(/tokens/);
    expect(refused.statements).toBe(0);
  });

  it('refuses operation text over 15,000 characters', async () => {
    const padded = `# ${'x'.repeat(15_000)}\n{ localAuthorities { code } }`;
    expectRefusedBeforeAnySubgraph(await queryCountingSql(padded), 'OPERATION_LIMIT_EXCEEDED');
  });

  it('refuses first above 100 on any connection, literal or variable, before any subgraph', async () => {
    expectRefusedBeforeAnySubgraph(
      await queryCountingSql(`{ schools(first: 101) { totalCount } }`),
      'BAD_USER_INPUT',
    );
    expectRefusedBeforeAnySubgraph(
      await queryCountingSql(
        `query ($n: Int!) { localAuthority(code: "806") { schools(first: $n) { totalCount } } }`,
        { n: 500 },
      ),
      'BAD_USER_INPUT',
    );
  });

  it('refuses a body larger than the limit with 413', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ localAuthorities { code } }',
        variables: { pad: 'x'.repeat(6 * 1024 * 1024) },
      }),
    });
    expect(response.status).toBe(413);
  });
});

describe('estimated cost', () => {
  // schools = 1 + 100 × (edges 1 + node 1 + localAuthority 1) = 301
  const costing301 = `{ schools(first: 100) { edges { node { localAuthority { code } } } } }`;
  const costing302 = `{ schools(first: 100) { pageInfo { hasNextPage } edges { node { localAuthority { code } } } } }`;

  it('tells internal callers what an operation was estimated to cost', async () => {
    const token = await graph.token({ role: 'DFE' });
    const res = await postGraphQL<unknown>(
      graph.gatewayUrl,
      { query: costing301 },
      {
        authorization: `Bearer ${token}`,
      },
    );
    const extensions = (res as unknown as { extensions?: { cost?: { estimated: number } } })
      .extensions;
    expect(extensions?.cost?.estimated).toBe(301);
  });

  it('does not tell the public how it prices a query', async () => {
    const res = await postGraphQL<unknown>(graph.gatewayUrl, { query: costing301 });
    expect((res as unknown as { extensions?: unknown }).extensions).toBeUndefined();
  });

  it('accepts an operation at the cost limit and refuses one above it', async () => {
    const gateway = await graph.startGateway({ MAX_OPERATION_COST: '301' });
    expect((await postGraphQL(gateway.url, { query: costing301 })).errors).toBeUndefined();
    const refused = await postGraphQL(gateway.url, { query: costing302 });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      limit: 'cost',
      actual: 302,
    });
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client has spent its points, and counts clients apart', async () => {
    const gateway = await graph.startGateway({ RATE_LIMIT_POINTS_PER_MINUTE: '5' });
    const query = { query: '{ localAuthority(code: "806") { code } }' };
    const school = await graph.token({ role: 'SCHOOL', urn });
    for (let i = 0; i < 5; i += 1) {
      const ok = await postGraphQL(gateway.url, query, { authorization: `Bearer ${school}` });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
    }
    const limited = await postGraphQL(gateway.url, query, { authorization: `Bearer ${school}` });
    expect(limited.status).toBe(429);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const dfe = await graph.token({ role: 'DFE' });
    expect((await postGraphQL(gateway.url, query, { authorization: `Bearer ${dfe}` })).status).toBe(
      200,
    );
  });
});
