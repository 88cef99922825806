import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrm, migrate, type MikroORM } from '../src/db';
import { seedIfEmpty, UnfinishedSeedError } from '../src/seeding';
import { createTestDatabase, type TestDatabase } from '../src/testing';

const SCHEMA = 'seeding_test';

let database: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  database = await createTestDatabase('kit_seeding');
  orm = await createOrm({
    databaseUrl: database.url,
    schema: SCHEMA,
    entities: [],
    migrations: [],
  });
  await migrate(orm, SCHEMA);
  await orm.em.getConnection().execute(`create table ${SCHEMA}.row (n integer primary key)`);
});
afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

/** A subgraph whose seed writes `rows` rows one statement at a time and may fail part way. */
function subgraphWriting(rows: number, failAfter = Infinity) {
  const connection = () => orm.em.getConnection();
  return {
    name: 'test',
    schema: SCHEMA,
    hasData: async () =>
      (await connection().execute(`select exists (select 1 from ${SCHEMA}.row) as found`))[0]!
        .found as boolean,
    seed: async () => {
      for (let n = 1; n <= rows; n += 1) {
        if (n > failAfter) throw new Error('the seed stopped part way');
        await connection().execute(`insert into ${SCHEMA}.row values (?)`, [n]);
      }
    },
  };
}

const rowCount = async () =>
  Number((await orm.em.getConnection().execute(`select count(*) as n from ${SCHEMA}.row`))[0]!.n);

describe('seeding an empty schema', () => {
  it('seeds once, then leaves the data alone', async () => {
    expect(await seedIfEmpty(subgraphWriting(3), orm, 'demo')).toBe('seeded');
    expect(await seedIfEmpty(subgraphWriting(3), orm, 'demo')).toBe('hasData');
    expect(await rowCount()).toBe(3);
  });

  it('refuses, on every later start, the data of a seed that did not finish', async () => {
    await orm.em.getConnection().execute(`truncate ${SCHEMA}.row; truncate ${SCHEMA}.seed_run`);
    await expect(seedIfEmpty(subgraphWriting(5, 2), orm, 'demo')).rejects.toThrow(
      'the seed stopped part way',
    );
    expect(await rowCount()).toBe(2);
    for (let start = 0; start < 2; start += 1) {
      const refusal = await seedIfEmpty(subgraphWriting(5), orm, 'demo').catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(UnfinishedSeedError);
      expect((refusal as Error).message).toMatch(
        /did not finish.*drop schema seeding_test cascade/,
      );
    }
    expect(await rowCount()).toBe(2);
  });
});
