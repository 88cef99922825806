import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { AcademicYear, migrate, type MikroORM, todayIso } from '@estate/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceSubgraph } from '../src';
import { DEMO_REGISTER_URNS } from '../src/seed/demo-registers';
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
  it('seeds the Middlesbrough demo registers', async () => {
    expect(await attendanceSubgraph.hasData(orm)).toBe(true);
    expect(seededInMs).toBeLessThan(60_000);
  });

  it('is calibrated near DfE 2024/25: absence about 5 % and 8.5 %, persistent absence about 14 % and 24 %', async () => {
    const previous = AcademicYear.containing(todayIso()).plus(-1);
    const phases = new Map(
      generateDemoEstate().schools.map((school) => [school.urn, school.phaseCode]),
    );
    const perEnrolment = await runSql<{ urn: number; possible: number; absence: number }>(
      orm.em.fork(),
      `select urn, sum(possible)::int as possible, sum(absence)::int as absence
       from attendance.enrolment_day where date between ? and ?
       group by urn, enrolment_id having sum(possible) > 0`,
      [previous.firstDay, previous.lastDay],
    );
    const figuresOf = (phaseCodes: number[]) => {
      const rows = perEnrolment.filter((row) => phaseCodes.includes(phases.get(row.urn)!));
      const possible = rows.reduce((sum, row) => sum + row.possible, 0);
      const absence = rows.reduce((sum, row) => sum + row.absence, 0);
      const persistent = rows.filter((row) => row.absence * 10 >= row.possible).length;
      return {
        enrolments: rows.length,
        absenceRate: (absence / possible) * 100,
        persistentRate: (persistent / rows.length) * 100,
      };
    };
    const primary = figuresOf([2]);
    const secondary = figuresOf([4, 7]);
    expect(primary.enrolments).toBeGreaterThan(100);
    expect(primary.absenceRate).toBeGreaterThan(4.5);
    expect(primary.absenceRate).toBeLessThan(6.5);
    expect(primary.persistentRate).toBeGreaterThan(10);
    expect(primary.persistentRate).toBeLessThan(19);
    expect(secondary.enrolments).toBeGreaterThan(60);
    expect(secondary.absenceRate).toBeGreaterThan(7);
    expect(secondary.absenceRate).toBeLessThan(10.5);
    expect(secondary.persistentRate).toBeGreaterThan(18);
    expect(secondary.persistentRate).toBeLessThan(32);
  });

  it('gives every open Middlesbrough school figures, pupil-level registers only for some', async () => {
    const open = generateDemoEstate().schools.filter(
      (school) =>
        school.laCode === '806' && !school.closedOn && [0, 2, 4, 7].includes(school.phaseCode),
    );
    const [row] = await runSql<{ withRollups: number; withRegisters: number }>(
      orm.em.fork(),
      `select (select count(distinct urn) from attendance.daily_rollup)::int as "withRollups",
         (select count(distinct urn) from attendance.enrolment)::int as "withRegisters"`,
    );
    expect(row!.withRollups).toBe(open.length);
    expect(row!.withRegisters).toBe(DEMO_REGISTER_URNS.length);
    expect(row!.withRegisters).toBeLessThan(open.length);
  });

  it('gives Middlesbrough a mentoring pilot over both years, every case eligible when it began', async () => {
    const today = todayIso();
    const current = AcademicYear.containing(today);
    const previous = current.plus(-1);
    const byYear = await runSql<{ startYear: number; cases: number; ineligible: number }>(
      orm.em.fork(),
      `select (case when extract(month from enrolled_on) >= 9 then extract(year from enrolled_on)
           else extract(year from enrolled_on) - 1 end)::int as "startYear",
         count(*)::int as cases,
         count(*) filter (where eligibility_absence * 10 < eligibility_possible)::int as ineligible
       from attendance.mentoring_case group by 1 order by 1`,
    );
    const casesIn = (year: AcademicYear) =>
      byYear.find((row) => row.startYear === year.startYear)?.cases ?? 0;
    // A whole year of referral rounds, whatever today's date, and this year's once its first
    // round (the first Monday from 6 October) has passed.
    expect(casesIn(previous)).toBeGreaterThanOrEqual(120);
    if (today >= `${current.startYear}-10-13`) expect(casesIn(current)).toBeGreaterThan(0);
    expect(byYear.map((row) => row.startYear)).toEqual(
      byYear.length === 2 ? [previous.startYear, current.startYear] : [previous.startYear],
    );
    expect(byYear.every((row) => row.ineligible === 0)).toBe(true);
  });

  it('leaves parents and children at every step of the notice rules', async () => {
    const rows = await runSql<{ counting: number; withdrawn: boolean; improve: boolean }>(
      orm.em.fork(),
      `select count(*) filter (where kind = 'penaltyNotice' and status <> 'withdrawn')::int as counting,
         bool_or(status = 'withdrawn') as withdrawn, bool_or(kind = 'noticeToImprove') as improve
       from attendance.penalty_notice group by upn, parent_reference`,
    );
    // A notice to improve only (a first notice is next), one notice (a flat £160 second is next),
    // two (no third: prosecution), and a withdrawn notice that does not count.
    expect(rows.some((r) => r.counting === 0 && r.improve)).toBe(true);
    expect(rows.some((r) => r.counting === 1)).toBe(true);
    expect(rows.some((r) => r.counting === 2)).toBe(true);
    expect(rows.some((r) => r.withdrawn)).toBe(true);
    expect(rows.every((r) => r.counting <= 2)).toBe(true);
  });
});
