import { ENGLAND_LOCAL_AUTHORITIES } from '@estate/academies/src/seed/england-local-authorities';
import { AcademicYear, type Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeasuresService, type MeasureUniverse } from '../src/modules/measures/measures.service';
import { AttendanceGranularity } from '../src/modules/measures/measures.type';
import { nationalSchools } from '../src/seed/national';
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

beforeAll(async () => {
  db = await startAttendanceDb('attendance_national');
  schools = nationalSchools(SLICE);
  await seedNational(db.orm, { localAuthorities: SLICE, today: TODAY, onProgress: () => {} });
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
  it('writes rollups and PA figures for every school of the slice, and no pupils', async () => {
    expect(SLICE).toHaveLength(4);
    expect(await hasRegisters(db.orm)).toBe(true);
    const [row] = await runSql<{ rolled: number; pa: number; pupils: number }>(
      db.orm.em.fork(),
      `select (select count(distinct urn) from attendance.daily_rollup)::int as rolled,
         (select count(distinct urn) from attendance.persistence_rollup)::int as pa,
         (select count(*) from attendance.enrolment)::int as pupils`,
    );
    expect(row).toEqual({ rolled: schools.length, pa: schools.length, pupils: 0 });
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
