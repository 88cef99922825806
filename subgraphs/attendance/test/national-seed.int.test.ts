import { ENGLAND_LOCAL_AUTHORITIES } from '@estate/academies/src/seed/england-local-authorities';
import { AcademicYear, type Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeasuresService, type MeasureUniverse } from '../src/modules/measures/measures.service';
import { AttendanceGranularity } from '../src/modules/measures/measures.type';
import { nationalSchools, planNationalSeed, seedSchoolRollups } from '../src/seed/national';
import { seedNational, hasRegisters } from '../src/seed/seed';
import { runSql } from '../src/sql';
import { type AttendanceDb, startAttendanceDb } from './support/registers';

/** A slice of England through the national seed's own code path: four LAs of different regions. */
const SLICE = ENGLAND_LOCAL_AUTHORITIES.filter((la) =>
  ['806', '202', '330', '873'].includes(la.code),
);
const TODAY = '2026-12-03';
const YEAR = { academicYear: AcademicYear.parse('2025/26') };
const DFE: Viewer = { role: 'DFE' };

let db: AttendanceDb;
let schools: ReturnType<typeof nationalSchools>;
/** A Middlesbrough primary and secondary, asked for with pupil-level registers; in URN order. */
let withRegisters: number[];

beforeAll(async () => {
  db = await startAttendanceDb('attendance_national');
  schools = nationalSchools(SLICE);
  withRegisters = (['primary', 'secondary'] as const)
    .map((phase) => schools.find((s) => s.la === '806' && s.phase === phase)!.urn)
    .sort((a, b) => a - b);
  await seedNational(db.orm, {
    localAuthorities: SLICE,
    today: TODAY,
    pupilRegisters: { urns: withRegisters, laCodes: [] },
    onProgress: () => {},
  });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const measures = () => new MeasuresService(db.orm.em.fork(), DFE);
const spans = (urns: number[]): MeasureUniverse => ({
  kind: 'spans',
  spans: urns.map((urn) => ({ urn, from: null, until: null })),
});
const urnsOf = (la: string) => schools.filter((s) => s.la === la).map((s) => s.urn);

describe('national seed', () => {
  it('writes rollups for every school of the slice, synthetic PA figures and no pupils for all but those asked for', async () => {
    expect(SLICE).toHaveLength(4);
    expect(await hasRegisters(db.orm)).toBe(true);
    const [row] = await runSql<{ rolled: number; pa: number; enrolled: number[] }>(
      db.orm.em.fork(),
      `select (select count(distinct urn) from attendance.daily_rollup)::int as rolled,
         (select count(distinct urn) from attendance.persistence_rollup)::int as pa,
         (select coalesce(json_agg(distinct urn order by urn), '[]') from attendance.enrolment) as enrolled`,
    );
    expect(row).toEqual({
      rolled: schools.length,
      pa: schools.length - withRegisters.length,
      enrolled: withRegisters,
    });
  });

  it('gives the schools asked for pupils and marks over last year and this one to yesterday', async () => {
    const rows = await runSql<{ urn: number; pupils: number; first: string; last: string }>(
      db.orm.em.fork(),
      `select urn, count(distinct enrolment_id)::int as pupils,
         min(date)::text as first, max(date)::text as last
       from attendance.mark where urn in (?, ?) group by urn order by urn`,
      withRegisters,
    );
    expect(rows.map((r) => r.urn)).toEqual(withRegisters);
    for (const row of rows) {
      expect(row.pupils).toBeGreaterThanOrEqual(8);
      expect(row.first).toBe('2025-09-01');
      expect(row.last).toBe('2026-12-02');
    }
  });

  it('gives the schools asked for the rollups and per-enrolment counts that their marks make', async () => {
    for (const urn of withRegisters) {
      const [fromRollups, fromMarks] = await Promise.all([
        runSql<{ code: string; headline: boolean; sessions: number }>(
          db.orm.em.fork(),
          `select code, headline, sum(sessions)::int as sessions from attendance.daily_rollup
           where urn = ? and dimension = 'all' group by code, headline order by code, headline`,
          [urn],
        ),
        runSql<{ code: string; headline: boolean; sessions: number }>(
          db.orm.em.fork(),
          `select code, headline, count(*)::int as sessions from attendance.mark
           where urn = ? group by code, headline order by code, headline`,
          [urn],
        ),
      ]);
      expect(fromRollups.length).toBeGreaterThan(5);
      expect(fromRollups).toEqual(fromMarks);
      const [days] = await runSql<{ missing: number }>(
        db.orm.em.fork(),
        `select count(*)::int as missing from (select distinct enrolment_id, date from attendance.mark
           where urn = ?) m
         where not exists (select 1 from attendance.enrolment_day e
           where e.urn = ? and e.enrolment_id = m.enrolment_id and e.date = m.date)`,
        [urn, urn],
      );
      expect(days!.missing).toBe(0);
    }
  });

  it('asks for every school of an LA by its code', () => {
    const plan = planNationalSeed({
      localAuthorities: SLICE,
      pupilRegisters: { urns: [], laCodes: ['806'] },
    });
    expect(plan.registers.map((s) => s.urn)).toEqual(urnsOf('806'));
    expect(plan.rollups).toHaveLength(schools.length - urnsOf('806').length);
  });

  it('refuses a URN or an LA code without a school in the slice, before writing anything', async () => {
    const rowsNow = () =>
      runSql<{ rows: number }>(
        db.orm.em.fork(),
        `select (select count(*) from attendance.daily_rollup)::int
           + (select count(*) from attendance.mark)::int as rows`,
      );
    const before = await rowsNow();
    await expect(
      seedNational(db.orm, {
        localAuthorities: SLICE,
        today: TODAY,
        pupilRegisters: { urns: [withRegisters[0]!, 999999], laCodes: [] },
        onProgress: () => {},
      }),
    ).rejects.toThrow(
      'Pupil registers were asked for schools the national estate does not have: URN 999999',
    );
    // West Sussex is in England but not in the slice.
    expect(() =>
      planNationalSeed({
        localAuthorities: SLICE,
        pupilRegisters: { urns: [], laCodes: ['806', '938'] },
      }),
    ).toThrow('does not have: LA code 938');
    expect(await rowsNow()).toEqual(before);
  });

  it('is deterministic', () => {
    expect(nationalSchools(SLICE)).toEqual(schools);
  });

  it('gives national figures in the calibrated ranges, FSM pupils absent more', async () => {
    const service = measures();
    const [all, fsm, other] = await Promise.all([
      service.summary({ kind: 'national' }, { kind: 'national' }, YEAR),
      service.summary(
        { kind: 'national' },
        { kind: 'national' },
        {
          ...YEAR,
          group: { freeSchoolMeals: true },
        },
      ),
      service.summary(
        { kind: 'national' },
        { kind: 'national' },
        {
          ...YEAR,
          group: { freeSchoolMeals: false },
        },
      ),
    ]);
    console.log('national 2025/26', {
      absence: all.overallAbsenceRate,
      pa: all.persistentAbsenceRate,
      sa: all.severeAbsenceRate,
      fsmAbsence: fsm.overallAbsenceRate,
      fsmPa: fsm.persistentAbsenceRate,
      otherPa: other.persistentAbsenceRate,
    });
    expect(all.overallAbsenceRate).toBeGreaterThan(5.5);
    expect(all.overallAbsenceRate).toBeLessThan(8.5);
    expect(all.persistentAbsenceRate).toBeGreaterThan(15);
    expect(all.persistentAbsenceRate).toBeLessThan(25);
    expect(all.severeAbsenceRate).toBeGreaterThan(0.5);
    expect(all.severeAbsenceRate).toBeLessThan(6);
    expect(fsm.overallAbsenceRate!).toBeGreaterThan(other.overallAbsenceRate! * 1.4);
    expect(fsm.persistentAbsenceRate!).toBeGreaterThan(other.persistentAbsenceRate! * 1.4);
    expect(all.enrolments).toBe(fsm.enrolments! + other.enrolments!);
    expect(all.possibleSessions).toBe(fsm.possibleSessions! + other.possibleSessions!);
  });

  it('gives each phase its calibrated absence and persistent absence', async () => {
    const service = measures();
    const ranges = {
      primary: { absence: [4.5, 5.5], pa: [12, 16] },
      secondary: { absence: [7.7, 9.3], pa: [21, 27] },
      special: { absence: [11.5, 14.5], pa: [31, 41] },
    } as const;
    for (const [phase, range] of Object.entries(ranges)) {
      const urns = schools.filter((s) => s.phase === phase).map((s) => s.urn);
      const summary = await service.summary({ kind: 'national' }, spans(urns), YEAR);
      console.log(phase, urns.length, summary.overallAbsenceRate, summary.persistentAbsenceRate);
      expect(summary.overallAbsenceRate).toBeGreaterThan(range.absence[0]);
      expect(summary.overallAbsenceRate).toBeLessThan(range.absence[1]);
      expect(summary.persistentAbsenceRate).toBeGreaterThan(range.pa[0]);
      expect(summary.persistentAbsenceRate).toBeLessThan(range.pa[1]);
    }
  });

  it('gives LA year-to-date figures, with PA over terms and the year to date', async () => {
    const service = measures();
    const la = urnsOf('806');
    const ytd = await service.summary({ kind: 'localAuthority', code: '806' }, spans(la), {
      academicYear: AcademicYear.parse('2026/27'),
      to: '2026-12-02',
    });
    console.log('Middlesbrough 2026/27 to date', ytd.overallAbsenceRate, ytd.persistentAbsenceRate);
    expect(ytd.schools).toBe(la.length);
    expect(ytd.overallAbsenceRate).toBeGreaterThan(4);
    expect(ytd.overallAbsenceRate).toBeLessThan(10);
    expect(ytd.persistentAbsenceRate).toBeGreaterThan(12);
    expect(ytd.persistentAbsenceRate).toBeLessThan(40);
    const terms = await service.series(
      { kind: 'localAuthority', code: '806' },
      spans(la),
      YEAR,
      AttendanceGranularity.TERM,
    );
    expect(terms.length).toBeGreaterThanOrEqual(3);
    for (const term of terms) expect(term.persistentAbsenceRate).toBeGreaterThan(10);
  });

  it('answers an LA summary in as many statements for one school as for all of them', async () => {
    const statementsFor = (urns: number[]) =>
      db.queryLog.countDuring(() =>
        measures().summary({ kind: 'localAuthority', code: '806' }, spans(urns), YEAR),
      );
    const all = schools.map((s) => s.urn);
    const one = await statementsFor(all.slice(0, 1));
    expect(one).toBeLessThanOrEqual(2);
    expect(await statementsFor(all)).toBe(one);
    expect(
      await db.queryLog.countDuring(() =>
        measures().summary({ kind: 'national' }, { kind: 'national' }, YEAR),
      ),
    ).toBe(one);
  });
});

describe('rollups without marks', () => {
  it('create the partitions of years after the migrated ones, as marks do', async () => {
    const later = await startAttendanceDb('attendance_later_years');
    try {
      const today = '2031-10-15';
      const rollups = await seedSchoolRollups(later.orm, nationalSchools(SLICE).slice(0, 2), {
        today,
        onProgress: () => {},
      });
      expect(rollups.rollupRows).toBeGreaterThan(0);
      const [row] = await runSql<{ years: string[] }>(
        later.orm.em.fork(),
        `select json_agg(distinct extract(year from date) order by extract(year from date)) as years
         from attendance.daily_rollup`,
      );
      expect(row!.years).toEqual([2030, 2031]);
    } finally {
      await later.close();
    }
  });
});
