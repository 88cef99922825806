import { exportJWK, generateKeyPair } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '@estate/subgraph-kit';
import { postGraphQL, startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph('hardening');
});
afterAll(() => graph?.close());

async function productionGateway(): Promise<string> {
  const { publicKey } = await generateKeyPair('RS256');
  const jwksPath = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(
    jwksPath,
    JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] }),
  );
  return (await graph.startGateway({ NODE_ENV: 'production', JWT_JWKS_PATH: jwksPath })).url;
}

describe('hardening in production', () => {
  it('refuses introspection and gives no "did you mean" hints or stack traces', async () => {
    const url = await productionGateway();
    const introspection = await postGraphQL(url, { query: '{ __schema { types { name } } }' });
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    expect(introspection.data ?? null).toBeNull();

    const misspelt = await postGraphQL(url, { query: '{ schoo(urn: 136021) { name } }' });
    expect(misspelt.errors?.[0]?.message).toMatch(/Cannot query field "schoo"/);
    expect(misspelt.errors?.[0]?.message).not.toMatch(/Did you mean/);
    for (const error of [...(introspection.errors ?? []), ...(misspelt.errors ?? [])]) {
      expect(error.extensions?.stacktrace).toBeUndefined();
    }
  });

  it('refuses a simple GET without a preflight header (CSRF) before any context is built', async () => {
    const res = await fetch(
      `${graph.gatewayUrl}?query=${encodeURIComponent('{ localAuthorities { code } }')}`,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF|preflight/i);
  });
});

/** A digest of every row of every subgraph table, to prove that nothing was written. */
async function fingerprint(databaseUrl: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
       where table_schema in ('academies', 'attendance', 'inspections', 'workforce')
         and table_type = 'BASE TABLE' order by 1`,
    );
    const digests: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const result = await client.query<{ digest: string | null }>(
        `select md5(string_agg(t::text, ',' order by t::text)) as digest from ${name} t`,
      );
      digests[name] = result.rows[0]?.digest ?? 'empty';
    }
    return digests;
  } finally {
    await client.end();
  }
}

const SEEDS: { query: string; variables: Record<string, unknown> }[] = [
  {
    query: `query ($urn: Int!, $year: AcademicYear!) { school(urn: $urn) { name trust { name }
      attendance(academicYear: $year) { overallAbsenceRate } inspections { kind } } }`,
    variables: { urn: 136021, year: '2025/26' },
  },
  {
    query: `query ($uid: ID!, $on: Date, $first: Int) { trust(groupUid: $uid) { schools(on: $on, first: $first) {
      totalCount edges { node { urn } } } } }`,
    variables: { uid: '2601', on: '2024-09-01', first: 10 },
  },
  {
    query: `mutation ($input: SubmitRegisterInput!) { submitRegister(input: $input) { inserted } }`,
    // Always invalid whatever else the fuzzer changes: the UPN fails its check letter.
    variables: {
      input: {
        urn: 136330,
        pupils: [
          {
            upn: 'Z801200005001',
            dateOfBirth: '2016-01-10',
            yearGroup: 4,
            sex: 'M',
            freeSchoolMeals: false,
            senStatus: 'N',
            englishAsAdditionalLanguage: false,
            admittedOn: '2025-09-01',
          },
        ],
        marks: [{ upn: 'Z801200005001', date: '2025-10-06', session: 'AM', code: 'N' }],
      },
    },
  },
  {
    query: `mutation ($csv: String!, $year: AcademicYear!) { uploadPremiumAwards(csv: $csv, academicYear: $year) { schoolCount } }`,
    variables: { csv: 'urn,amount\n136021,x', year: '2025/26' },
  },
  {
    query: `mutation ($urn: Int!, $year: AcademicYear!, $trn: String!) { submitPremiumClaim(urn: $urn, academicYear: $year, trn: $trn) { __typename } }`,
    variables: { urn: 136021, year: '2025/26', trn: 'not-a-trn' },
  },
];

const NASTY_VALUES: unknown[] = [
  null,
  '',
  ' ',
  -1,
  0,
  1e308,
  2 ** 53,
  3.5,
  true,
  [],
  {},
  [[[]]],
  { __proto__: { admin: true } },
  'x'.repeat(10_000),
  '2024-02-30',
  '\u0000',
  '\ud800',
  "'; drop table academies.school; --",
  '{}',
  '$var',
  'null',
  { urn: {} },
  [1, 'a', null],
];
const NASTY_TEXT = [
  '{',
  '}',
  '(',
  ')',
  '$',
  '@',
  '...',
  '#',
  '"',
  '\\',
  ':',
  '!',
  '[',
  ']',
  '\u0000',
  'fragment',
  'mutation',
  '__schema',
];

function mutateValue(random: SeededRandom, value: unknown, depth = 0): unknown {
  if (random.chance(0.25) || depth > 4) return random.pick(NASTY_VALUES);
  if (Array.isArray(value)) return value.map((item) => mutateValue(random, item, depth + 1));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      () => !random.chance(0.1),
    );
    if (random.chance(0.2)) entries.push([`extra${random.int(0, 9)}`, random.pick(NASTY_VALUES)]);
    return Object.fromEntries(entries.map(([k, v]) => [k, mutateValue(random, v, depth + 1)]));
  }
  return value;
}

function mutateText(random: SeededRandom, text: string): string {
  let result = text;
  for (let edits = random.int(1, 4); edits > 0; edits -= 1) {
    const at = random.int(0, result.length);
    const kind = random.int(0, 2);
    if (kind === 0) result = result.slice(0, at) + result.slice(at + random.int(1, 12));
    else if (kind === 1) result = result.slice(0, at) + random.pick(NASTY_TEXT) + result.slice(at);
    else
      result =
        result.slice(0, at) +
        result.slice(at, at + random.int(1, 40)).repeat(random.int(2, 5)) +
        result.slice(at);
  }
  return result;
}

describe('fuzzing the gateway', () => {
  it('answers 1,000 malformed operations without a 5xx and writes nothing', async () => {
    const gateway = await graph.startGateway({ RATE_LIMIT_POINTS_PER_MINUTE: '1000000' });
    const dfe = await graph.token({ role: 'DFE' });
    const before = await fingerprint(graph.database.url);
    const random = new SeededRandom(8_675_309);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1_000; i += 1) {
      const seed = random.pick(SEEDS);
      const shape = random.int(0, 5);
      let body: string;
      if (shape === 0)
        body = JSON.stringify({ query: mutateText(random, seed.query), variables: seed.variables });
      else if (shape <= 2)
        body = JSON.stringify({
          query: seed.query,
          variables: mutateValue(random, seed.variables),
        });
      else if (shape === 3)
        body = JSON.stringify({
          query: mutateText(random, seed.query),
          variables: mutateValue(random, seed.variables),
        });
      else if (shape === 4)
        body = mutateText(random, JSON.stringify({ query: seed.query, variables: seed.variables }));
      else
        body = JSON.stringify(
          random.pick([
            [seed],
            { query: 42 },
            { variables: seed.variables },
            'null',
            { query: seed.query, operationName: 7 },
          ]),
        );
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${dfe}` },
        body,
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `request ${i}: ${body.slice(0, 300)}`).toBeLessThan(500);
    }
    expect([...statuses.keys()].some((status) => status === 400)).toBe(true);
    expect(await fingerprint(graph.database.url)).toEqual(before);
  });
});
