import { entityRowReader, type EntityManager } from '@estate/subgraph-kit';
import type { EntityClass } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchoolLinkEntity } from '../src/modules/link/link.entity';
import { LocalAuthorityEntity } from '../src/modules/local-authority/local-authority.entity';
import { SchoolEntity } from '../src/modules/school/school.entity';
import { TrustEntity } from '../src/modules/trust/trust.entity';
import { generateDemoEstate } from '../src/seed/demo-estate';
import { writeEstate } from '../src/seed/seed';
import { type AcademiesTestDb, openAcademiesTestDb } from './support/academies-db';

/**
 * The read paths build plain objects from raw rows instead of managed entities; they must read
 * every column exactly as the ORM's own mapping does, whether the row comes straight from a table
 * or nested as `to_jsonb` in a larger statement.
 */
let db: AcademiesTestDb;
beforeAll(async () => {
  db = await openAcademiesTestDb('academies_row_reader');
  await writeEstate(db.orm, generateDemoEstate());
});
afterAll(() => db?.close());

const TABLES: [string, EntityClass<object>][] = [
  ['school', SchoolEntity],
  ['trust', TrustEntity],
  ['local_authority', LocalAuthorityEntity],
  ['school_link', SchoolLinkEntity],
];

async function rowsOf(em: EntityManager, table: string, asJson: boolean) {
  const rows = await em
    .getConnection()
    .execute<Record<string, unknown>[]>(
      asJson
        ? `select to_jsonb(t) as row from academies.${table} t`
        : `select * from academies.${table}`,
    );
  return asJson ? rows.map((row) => row.row as Record<string, unknown>) : rows;
}

describe('entityRowReader', () => {
  for (const [table, entity] of TABLES) {
    for (const asJson of [false, true]) {
      it(`reads ${table} rows${asJson ? ' nested as JSON' : ''} as the ORM maps them`, async () => {
        const em = db.orm.em.fork() as EntityManager;
        const rows = await rowsOf(em, table, asJson);
        expect(rows.length).toBeGreaterThan(0);
        const read = entityRowReader(em, entity);
        for (const row of rows) {
          expect(read(row)).toStrictEqual({ ...em.map(entity, { ...row }) });
        }
      });
    }
  }

  it('reads nulls as null and never registers what it reads with the entity manager', async () => {
    const em = db.orm.em.fork() as EntityManager;
    const [closed] = await rowsOf(em, 'school', false);
    const school = entityRowReader(em, SchoolEntity)({ ...closed, closed_on: null, ukprn: null });
    expect(school.closedOn).toBeNull();
    expect(school.ukprn).toBeNull();
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});
