import { migrate, type MikroORM } from '@estate/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceSubgraph } from '../src';
import { runSql } from '../src/sql';

let database: TestDatabase;
let orm: MikroORM;
let seededInMs = 0;

beforeAll(async () => {
  database = await createTestDatabase('attendance_seed');
  orm = await attendanceSubgraph.createOrm(database.url);
  await migrate(orm, attendanceSubgraph.schema);
  const started = Date.now();
  await attendanceSubgraph.seed(orm, 'demo');
  seededInMs = Date.now() - started;
});
afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

describe('demo seed', () => {
  it('seeds the Middlesbrough demo registers in seconds', async () => {
    console.log(`seeded in ${seededInMs} ms`);
    expect(await attendanceSubgraph.hasData(orm)).toBe(true);
    expect(seededInMs).toBeLessThan(60_000);
  });

  it('is calibrated near DfE figures: primary about 5 % absence, secondary about 8.5 %', async () => {
    const em = orm.em.fork();
    const rows = await runSql<{
      urn: number;
      possible: number;
      absence: number;
      pa: number;
      enrolments: number;
    }>(
      em,
      `select d.urn, sum(d.possible)::int as possible, sum(d.absence)::int as absence,
        count(distinct d.enrolment_id)::int as enrolments, 0 as pa
       from attendance.enrolment_day d where d.date between '2025-09-01' and '2026-08-31' group by d.urn`,
    );
    for (const row of rows)
      console.log(row.urn, ((row.absence / row.possible) * 100).toFixed(2), row.enrolments);
    const total = rows.reduce((a, r) => ({ p: a.p + r.possible, a: a.a + r.absence }), {
      p: 0,
      a: 0,
    });
    const rate = (total.a / total.p) * 100;
    console.log('overall', rate.toFixed(2));
    expect(rate).toBeGreaterThan(4);
    expect(rate).toBeLessThan(10);
  });
});
