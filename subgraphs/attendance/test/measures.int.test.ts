import { AcademicYear, type Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceMeasures } from '../src/domain/attendance-measures';
import { type RegisterMark, countMarks } from '../src/domain/session-counts';
import { persistentAbsenceSummary } from '../src/domain/persistent-absence';
import { type CountedSpan, MeasuresService } from '../src/modules/measures/measures.service';
import { AttendanceGranularity } from '../src/modules/measures/measures.type';
import { PupilService } from '../src/modules/pupil/pupil.service';
import { AGGREGATE_WORK_MEM } from '../src/orm';
import { runSql } from '../src/sql';
import type { MarkSubmission } from '../src/modules/register/ingestion';
import { weekdays } from './factories';
import {
  type AttendanceDb,
  marksOf,
  pupil,
  startAttendanceDb,
  submit,
  times,
  upn,
} from './support/registers';

let db: AttendanceDb;
const A = 136330;
const B = 136339;
const C = 111001;
const DAYS = weekdays('2025-09-08', '2025-12-12');
const YEAR = { academicYear: AcademicYear.parse('2025/26') };
const DFE: Viewer = { role: 'DFE' };
const PUBLIC: Viewer = { role: 'PUBLIC' };

/** School A's hand-built register: each pupil's codes, in session order from 8 September 2025. */
const SCHOOL_A: Record<string, string[]> = {
  // exactly 10 % absent: persistently absent
  [upn(1)]: [...times(18, '/'), 'I', 'I'],
  // 5 %
  [upn(2)]: [...times(19, '\\'), 'O'],
  // exactly 50 %: severely (and persistently) absent
  [upn(3)]: [...times(10, 'L'), ...times(10, 'N')],
  // the codes outside possible sessions change nothing
  [upn(4)]: [...times(20, '/'), 'D', 'X', 'Q', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7', 'Z', '#'],
  // 1 in 11 is 9.09 %: not persistently absent
  [upn(5)]: [...times(10, 'V'), 'M'],
};
const SCHOOL_B: Record<string, string[]> = {
  [upn(1, 2002)]: [...times(90, '/'), ...times(10, 'G')],
};

function marksOfSchool(register: Record<string, string[]>): MarkSubmission[] {
  return Object.entries(register).flatMap(([u, codes]) => marksOf(u, DAYS, codes));
}

function domainMarks(register: Record<string, string[]>, from = '0000-00-00'): RegisterMark[][] {
  return Object.entries(register).map(([u, codes]) =>
    marksOf(u, DAYS, codes)
      .filter((m) => m.date >= from)
      .map((m) => ({ date: m.date, session: m.session as 'AM' | 'PM', code: m.code })),
  );
}

const spans = (...urns: number[]): { kind: 'spans'; spans: CountedSpan[] } => ({
  kind: 'spans',
  spans: urns.map((urn) => ({ urn, from: null, until: null })),
});

beforeAll(async () => {
  db = await startAttendanceDb('attendance_measures');
  await submit(db.orm, {
    urn: A,
    pupils: Object.keys(SCHOOL_A).map((u) => pupil(u)),
    marks: marksOfSchool(SCHOOL_A),
  });
  await submit(db.orm, {
    urn: B,
    pupils: Object.keys(SCHOOL_B).map((u) => pupil(u)),
    marks: marksOfSchool(SCHOOL_B),
  });
  // School C: 100 pupils with a week each, for the N+1 guard.
  const many = Array.from({ length: 100 }, (_, i) => upn(i + 1, 2003));
  await submit(db.orm, {
    urn: C,
    pupils: many.map((u) => pupil(u)),
    marks: many.flatMap((u, i) => marksOf(u, DAYS, [...times(9, '/'), i % 3 === 0 ? 'I' : '/'])),
  });
});
afterAll(() => db?.close());

const measures = (viewer: Viewer = DFE) => new MeasuresService(db.orm.em.fork(), viewer);

describe('measures on hand-built registers', () => {
  it('gives a school every count and rate exactly as the domain formulas do', async () => {
    const summary = await measures().summary({ kind: 'school', urn: A }, spans(A), YEAR);
    const expected = attendanceMeasures(countMarks(domainMarks(SCHOOL_A).flat()));
    expect(summary.possibleSessions).toBe(91);
    expect(summary.possibleSessions).toBe(expected.possibleSessions);
    expect(summary.overallAbsenceSessions).toBe(14);
    expect(summary.authorisedAbsenceSessions).toBe(3);
    expect(summary.unauthorisedAbsenceSessions).toBe(11);
    expect(summary.presentSessions).toBe(18 + 19 + 10 + 20);
    expect(summary.approvedEducationalActivitySessions).toBe(10);
    expect(summary.lateSessions).toBe(10);
    expect(summary.notCountedSessions).toBe(12);
    expect(summary.overallAbsenceRate).toBe((14 / 91) * 100);
    expect(summary.attendanceRate).toBe(expected.attendanceRate);
    expect(summary.unauthorisedAbsenceRate).toBe(expected.unauthorisedAbsenceRate);
    expect(summary.reasons.find((r) => r.code === 'I')).toMatchObject({
      sessions: 2,
      rate: (2 / 91) * 100,
    });
    expect(summary.reasons.find((r) => r.code === 'Y4')).toMatchObject({ sessions: 1, rate: null });
    expect(summary.suppressedFields).toEqual([]);
  });

  it('counts persistent absence at exactly 10 % and severe absence at exactly 50 %, per enrolment', async () => {
    const summary = await measures().summary({ kind: 'school', urn: A }, spans(A), YEAR);
    const expected = persistentAbsenceSummary(domainMarks(SCHOOL_A).map((m) => countMarks(m)));
    expect(summary.enrolments).toBe(5);
    expect(summary.persistentlyAbsentEnrolments).toBe(2);
    expect(summary.severelyAbsentEnrolments).toBe(1);
    expect(summary.persistentAbsenceRate).toBe(expected.persistentAbsenceRate);
    expect(summary.persistentAbsenceRate).toBe(40);
    expect(summary.severeAbsenceRate).toBe(20);
  });

  it('divides summed sessions for an LA, never averaging school rates', async () => {
    const summary = await measures().summary(
      { kind: 'localAuthority', code: '806' },
      spans(A, B),
      YEAR,
    );
    expect(summary.possibleSessions).toBe(191);
    expect(summary.overallAbsenceRate).toBe((24 / 191) * 100);
    expect(summary.overallAbsenceRate).not.toBeCloseTo(((14 / 91) * 100 + 10) / 2, 3);
    expect(summary.schools).toBe(2);
    expect(summary.persistentlyAbsentEnrolments).toBe(3);
  });

  it('counts a trust school only from the day it joined', async () => {
    const joined = '2025-09-15';
    const summary = await measures().summary(
      { kind: 'trust', groupUid: '2305' },
      { kind: 'spans', spans: [{ urn: A, from: joined, until: null }] },
      YEAR,
    );
    const after = domainMarks(SCHOOL_A, joined);
    const expected = attendanceMeasures(countMarks(after.flat()));
    expect(summary.possibleSessions).toBe(expected.possibleSessions);
    expect(summary.possibleSessions).toBeLessThan(91);
    expect(summary.overallAbsenceSessions).toBe(expected.overallAbsenceSessions);
    const pa = persistentAbsenceSummary(after.map((m) => countMarks(m)));
    expect(summary.persistentlyAbsentEnrolments).toBe(pa.persistentlyAbsentEnrolments);
    expect(summary.enrolments).toBe(pa.enrolments);

    const left = await measures().summary(
      { kind: 'trust', groupUid: '2489' },
      { kind: 'spans', spans: [{ urn: A, from: null, until: joined }] },
      YEAR,
    );
    expect((left.possibleSessions ?? 0) + (summary.possibleSessions ?? 0)).toBe(91);
  });

  it('gives no persistent absence for weeks, and gives it for terms', async () => {
    const service = measures();
    const weeks = await service.series(
      { kind: 'school', urn: A },
      spans(A),
      YEAR,
      AttendanceGranularity.WEEK,
    );
    expect(weeks.length).toBeGreaterThan(2);
    expect(weeks.every((w) => w.persistentAbsenceRate === null && w.enrolments === null)).toBe(
      true,
    );
    expect(weeks.reduce((sum, w) => sum + (w.possibleSessions ?? 0), 0)).toBe(91);
    const terms = await service.series(
      { kind: 'school', urn: A },
      spans(A),
      YEAR,
      AttendanceGranularity.TERM,
    );
    expect(terms[0]).toMatchObject({ period: 'autumn', persistentAbsenceRate: 40 });
  });

  it('withholds small counts for the public, marks them "c", and leaves no lone withheld figure', async () => {
    const summary = await measures(PUBLIC).summary({ kind: 'school', urn: A }, spans(A), YEAR);
    expect(summary.suppression).toBe('c');
    expect(summary.persistentlyAbsentEnrolments).toBeNull();
    expect(summary.persistentAbsenceRate).toBeNull();
    expect(summary.authorisedAbsenceSessions).toBeNull();
    expect(summary.suppressedFields).toEqual(
      expect.arrayContaining(['persistentlyAbsentEnrolments', 'authorisedAbsenceSessions']),
    );
    const counts = [
      summary.possibleSessions,
      summary.overallAbsenceSessions,
      summary.unauthorisedAbsenceSessions,
      summary.enrolments,
      ...summary.reasons.map((r) => r.sessions),
    ];
    expect(counts.filter((c) => c !== null && c >= 1 && c <= 4)).toEqual([]);
    const absence = [
      summary.authorisedAbsenceSessions,
      summary.unauthorisedAbsenceSessions,
      summary.overallAbsenceSessions,
    ];
    expect(absence.filter((c) => c === null).length).not.toBe(1);
    expect(
      summary.reasons.filter((r) => r.sessions === null).every((r) => r.suppression === 'c'),
    ).toBe(true);
  });

  it('withholds a trust or LA figure built from a single school for the public', async () => {
    const summary = await measures(PUBLIC).summary(
      { kind: 'localAuthority', code: '806' },
      spans(A),
      YEAR,
    );
    expect(summary.schools).toBe(1);
    expect(summary.possibleSessions).toBeNull();
    expect(summary.overallAbsenceRate).toBeNull();
    const two = await measures(PUBLIC).summary(
      { kind: 'localAuthority', code: '806' },
      spans(A, B),
      YEAR,
    );
    expect(two.possibleSessions).toBe(191);
  });
});

describe('batching', () => {
  it('answers summaries for any number of schools with the same number of statements', async () => {
    const statementsFor = async (urns: number[]) =>
      db.queryLog.countDuring(async () => {
        const service = measures();
        await Promise.all(
          urns.map((urn) => service.summary({ kind: 'school', urn }, spans(urn), YEAR)),
        );
      });
    const one = await statementsFor([A]);
    const fifty = await statementsFor([
      A,
      B,
      C,
      ...Array.from({ length: 47 }, (_, i) => 140000 + i),
    ]);
    expect(one).toBeLessThanOrEqual(2);
    expect(fifty).toBe(one);
    const la = await db.queryLog.countDuring(() =>
      measures().summary(
        { kind: 'localAuthority', code: '806' },
        spans(A, B, C, ...Array.from({ length: 200 }, (_, i) => 140000 + i)),
        YEAR,
      ),
    );
    expect(la).toBe(one);
  });

  it('answers every value of a group asked together from one pass, as each alone', async () => {
    const universe = spans(A, B, C);
    const scope = { kind: 'localAuthority', code: '806' } as const;
    const byFsm = (service: MeasuresService, freeSchoolMeals: boolean) =>
      service.summary(scope, universe, { ...YEAR, group: { freeSchoolMeals } });
    const alone = [await byFsm(measures(), true), await byFsm(measures(), false)];
    let together: Awaited<ReturnType<typeof byFsm>>[] = [];
    const statements = await db.queryLog.countDuring(async () => {
      const service = measures();
      together = await Promise.all([byFsm(service, true), byFsm(service, false)]);
    });
    expect(together).toEqual(alone);
    expect(statements).toBeLessThanOrEqual(2);
    const all = await measures().summary(scope, universe, YEAR);
    expect(together[0]!.possibleSessions! + together[1]!.possibleSessions!).toBe(
      all.possibleSessions,
    );
    expect(together[0]!.enrolments! + together[1]!.enrolments!).toBe(all.enrolments);
  });

  it('gives every pooled connection the memory to group rollups without spilling to disk', async () => {
    const [setting] = await runSql<{ work_mem: string }>(db.orm.em.fork(), 'show work_mem');
    expect(setting!.work_mem).toBe(AGGREGATE_WORK_MEM);
  });

  it('lists 100 pupils with their attendance in at most 3 statements', async () => {
    const pupils = new PupilService(db.orm.em.fork(), DFE);
    let rates: (number | null)[] = [];
    const statements = await db.queryLog.countDuring(async () => {
      const page = await pupils.onRoll(C, { first: 100, afterKey: null }, '2025-10-01');
      const summaries = await Promise.all(
        page.edges.map((edge) => pupils.attendance(edge.node, YEAR)),
      );
      rates = summaries.map((s) => s.overallAbsenceRate);
    });
    expect(rates).toHaveLength(100);
    expect(rates.filter((r) => r === 10)).toHaveLength(34);
    expect(statements).toBeLessThanOrEqual(3);
  });
});
