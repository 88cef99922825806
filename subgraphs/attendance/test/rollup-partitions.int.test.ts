import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAttendanceOrm, SCHEMA } from '../src/orm';
import { runSql } from '../src/sql';
import {
  type AttendanceDb,
  marksOf,
  pupil,
  startAttendanceDb,
  submit,
  upn,
} from './support/registers';

let database: TestDatabase;
let db: AttendanceDb;

beforeAll(async () => {
  database = await createTestDatabase('attendance_rollup_partitions');
  db = await startAttendanceDb('attendance_rollup_backfill');
});
afterAll(async () => {
  await database?.drop();
  await db?.close();
});

async function partitionOf(urn: number, date: string): Promise<string | undefined> {
  const [row] = await runSql<{ partition: string }>(
    db.orm.em.fork(),
    `select tableoid::regclass::text as partition from attendance.daily_rollup
     where urn = ? and date = ? limit 1`,
    [urn, date],
  );
  return row?.partition;
}

describe('daily rollups partitioned by academic year', () => {
  it('moves existing rollups, of any year, into their partitions when migrating', async () => {
    const orm = await createAttendanceOrm(database.url);
    try {
      await orm.em.getConnection().execute(`create schema if not exists "${SCHEMA}"`);
      await orm.getMigrator().up({ to: 'Migration20261203140000_persistence_rollup' });
      await runSql(
        orm.em.fork(),
        `insert into attendance.daily_rollup (urn, date, dimension, group_value, headline, code, sessions)
         values (136330, '2025-10-06', 'all', '', true, '/', 40), (136330, '2016-03-07', 'all', '', true, 'I', 3)`,
      );
      await orm.getMigrator().up();
      const rows = await runSql<{ date: string; sessions: number; partition: string }>(
        orm.em.fork(),
        `select to_char(date, 'YYYY-MM-DD') as date, sessions, tableoid::regclass::text as partition
         from attendance.daily_rollup order by date`,
      );
      expect(rows).toEqual([
        { date: '2016-03-07', sessions: 3, partition: 'attendance.daily_rollup_2015_16' },
        { date: '2025-10-06', sessions: 40, partition: 'attendance.daily_rollup_2025_26' },
      ]);
    } finally {
      await orm.close();
    }
  });

  it('creates the partition of an older year when a register is backfilled into it', async () => {
    const alice = upn(1);
    await submit(db.orm, {
      urn: 136330,
      pupils: [pupil(alice, { dateOfBirth: '2007-03-01', yearGroup: 3, admittedOn: '2014-09-01' })],
      marks: marksOf(alice, ['2014-10-06'], ['/', 'O']),
    });
    expect(await partitionOf(136330, '2014-10-06')).toBe('attendance.daily_rollup_2014_15');
  });

  it('creates it again in another database served by the same process', async () => {
    const other = await startAttendanceDb('attendance_rollup_backfill_other');
    try {
      const bob = upn(2);
      await submit(other.orm, {
        urn: 136339,
        pupils: [pupil(bob, { dateOfBirth: '2007-03-01', yearGroup: 3, admittedOn: '2014-09-01' })],
        marks: marksOf(bob, ['2014-10-07'], ['/', '\\']),
      });
      const [row] = await runSql<{ partition: string }>(
        other.orm.em.fork(),
        `select tableoid::regclass::text as partition from attendance.daily_rollup
         where urn = 136339 and date = '2014-10-07' limit 1`,
      );
      expect(row?.partition).toBe('attendance.daily_rollup_2014_15');
    } finally {
      await other.close();
    }
  });
});
