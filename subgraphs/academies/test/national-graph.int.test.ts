import { QueryLog, Role, type SubgraphServer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../src/context';
import { seedNational } from '../src/seed/seed';
import { createAcademiesServer } from '../src/server';
import { type AcademiesTestDb, openAcademiesTestDb, TEST_CONFIG } from './support/academies-db';

const queryLog = new QueryLog();
let db: AcademiesTestDb;
let server: SubgraphServer;
let seedMs = 0;

beforeAll(async () => {
  db = await openAcademiesTestDb('academies_national', queryLog);
  const started = Date.now();
  await seedNational(db.orm);
  seedMs = Date.now() - started;
  server = await createAcademiesServer(TEST_CONFIG, { orm: db.orm });
}, 180_000);
afterAll(async () => {
  await server?.apollo.stop();
  await db?.close();
});

/** Runs one operation as the gateway would, and counts the SQL statements it sent. */
async function statementsFor(query: string, variables: Record<string, unknown>) {
  const contextValue = createContext(db.orm, { role: Role.DfE, subject: 'test' }, 'test');
  const statements = await queryLog.countDuring(async () => {
    const response = await server.apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
  });
  return statements;
}

const SCHOOLS_PAGE = `query ($first: Int!, $after: String) {
  schools(first: $first, after: $after) {
    totalCount
    pageInfo { endCursor }
    edges { node {
      urn name
      localAuthority { code name gssCode }
      trust { groupUid name type joinedOn trust { companiesHouseNumber } }
      predecessorUrns
    } }
  }
}`;

const LA_SCHOOLS_PAGE = `query ($code: String!, $first: Int!) {
  localAuthority(code: $code) {
    name
    schools(first: $first) {
      totalCount
      edges { node { urn name localAuthority { name } trust { groupUid name } } }
    }
  }
}`;

describe('the national estate', () => {
  it('has England’s shape: 153 LAs, about 22,000 open schools, about 2,500 trusts', async () => {
    console.log(`national estate seeded in ${seedMs} ms`);
    expect(await db.count('local_authority')).toBe(153);
    const [shape] = await db.orm.em
      .fork()
      .getConnection()
      .execute<
        { open: number; academies: number; secondaries: number; secondary_academies: number }[]
      >(
        `select count(*)::int as open,
         count(*) filter (where type_group_code in (10, 11))::int as academies,
         count(*) filter (where phase_code = 4)::int as secondaries,
         count(*) filter (where phase_code = 4 and type_group_code in (10, 11))::int
           as secondary_academies
       from academies.school where status_code <> 2`,
      );
    expect(shape!.open).toBeGreaterThan(21_000);
    expect(shape!.open).toBeLessThan(23_000);
    expect(shape!.academies / shape!.open).toBeCloseTo(0.42, 1);
    expect(shape!.secondary_academies / shape!.secondaries).toBeCloseTo(0.8, 1);
    const trusts = await db.count('trust');
    expect(trusts).toBeGreaterThan(2_300);
    expect(trusts).toBeLessThan(2_700);
  });

  it('answers schools(first: 100) with LA and trust in a constant number of statements', async () => {
    const small = await statementsFor(SCHOOLS_PAGE, { first: 10 });
    const full = await statementsFor(SCHOOLS_PAGE, { first: 100 });
    console.log(`schools(first: 100) with LA and trust: ${full} SQL statements`);
    expect(full).toBe(small);
    expect(full).toBeLessThanOrEqual(6);
  });

  it('answers LocalAuthority.schools for the largest LA in a constant number of statements', async () => {
    const [largest] = await db.orm.em
      .fork()
      .getConnection()
      .execute<{ la_code: string; schools: number }[]>(
        `select la_code, count(*)::int as schools from academies.school
         group by la_code order by schools desc limit 1`,
      );
    expect(largest!.schools).toBeGreaterThan(600);
    const small = await statementsFor(LA_SCHOOLS_PAGE, { code: largest!.la_code, first: 5 });
    const full = await statementsFor(LA_SCHOOLS_PAGE, { code: largest!.la_code, first: 100 });
    console.log(`LocalAuthority.schools for ${largest!.la_code}: ${full} SQL statements`);
    expect(full).toBe(small);
    expect(full).toBeLessThanOrEqual(6);
  });
});
