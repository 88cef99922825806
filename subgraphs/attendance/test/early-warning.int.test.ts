import type { Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EarlyWarningService } from '../src/modules/early-warning/early-warning.service';
import { AS_OF, DAYS, ON_COURSE_DAYS, register } from './support/early-warning-registers';
import { type AttendanceDb, pupil, startAttendanceDb, submit, upn } from './support/registers';

const URN = 136240;
const SECOND_SCHOOL = 111028;

const ALREADY = upn(41, 2005);
const ON_COURSE = upn(42, 2005);
const WATCH = upn(43, 2005);
const FINE = upn(44, 2005);
const LEFT = upn(45, 2005);
const TOO_YOUNG = upn(46, 2005);

let db: AttendanceDb;
const service = (viewer: Viewer) => new EarlyWarningService(db.orm.em.fork(), viewer);

beforeAll(async () => {
  db = await startAttendanceDb('attendance_early_warning');
  await submit(db.orm, {
    urn: URN,
    pupils: [
      ...[ALREADY, ON_COURSE, WATCH, FINE].map((u) => pupil(u)),
      pupil(LEFT, { leftOn: '2025-11-14' }),
      // 4 at the start of the year: outside the headline scope, so never assessed.
      pupil(TOO_YOUNG, { dateOfBirth: '2021-06-01', yearGroup: 0 }),
    ],
    marks: [
      // 12 days (24 sessions) in September: 21.8 % for the year to date.
      ...register(ALREADY, DAYS.slice(0, 12)),
      ...register(ON_COURSE, ON_COURSE_DAYS),
      // 3 days in the last week only: 6 of 40 over 4 weeks projects past 10 %, 6 of 80 does not.
      ...register(WATCH, ['2025-11-17', '2025-11-18', '2025-11-19']),
      ...register(FINE, []),
      ...register(LEFT, DAYS.slice(-15, -5), DAYS.slice(0, -5)),
      ...register(TOO_YOUNG, DAYS.slice(-20)),
    ],
  });
  await submit(db.orm, {
    urn: SECOND_SCHOOL,
    pupils: [pupil(upn(47, 2006))],
    marks: register(upn(47, 2006), DAYS.slice(-8)),
  });
});
afterAll(() => db?.close());

describe('early warning: School.absenceRisk', () => {
  it('counts the pupils on roll in headline scope by risk', async () => {
    const report = await service({ role: 'SCHOOL', urn: URN }).report(URN, AS_OF);
    expect(report).toMatchObject({
      remainingPossibleSessions: 270,
      pupilsAssessed: 4,
      alreadyPersistentlyAbsent: 1,
      onCourse: 1,
      watch: 1,
      notAtRisk: 1,
      suppression: null,
    });
  });

  it('lists the pupil on course with the figures that show it', async () => {
    const viewer: Viewer = { role: 'SCHOOL', urn: URN };
    const svc = service(viewer);
    const [onCourse, ...rest] = svc.pupils(await svc.report(URN, AS_OF));
    expect(rest).toEqual([]);
    expect(onCourse).toMatchObject({
      yearToDatePossibleSessions: 110,
      yearToDateOverallAbsenceSessions: 10,
      lastFourSchoolWeeks: {
        schoolWeeks: 4,
        from: '2025-10-20',
        possibleSessions: 40,
        overallAbsenceSessions: 8,
        overallAbsenceRate: 20,
        onCourseForPersistentAbsence: true,
      },
      lastEightSchoolWeeks: {
        schoolWeeks: 8,
        from: '2025-09-22',
        possibleSessions: 80,
        overallAbsenceSessions: 10,
        onCourseForPersistentAbsence: true,
      },
    });
    // (10 + 20 % × 270) / (110 + 270) and (10 + 12.5 % × 270) / 380
    expect(onCourse!.lastFourSchoolWeeks.projectedYearEndAbsenceRate).toBeCloseTo(
      (64 / 380) * 100,
      10,
    );
    expect(onCourse!.lastEightSchoolWeeks.projectedYearEndAbsenceRate).toBeCloseTo(
      (43.75 / 380) * 100,
      10,
    );
  });

  it('gives the public suppressed counts and no list', async () => {
    const svc = service({ role: 'PUBLIC' });
    const report = await svc.report(URN, AS_OF);
    expect(report).toMatchObject({
      pupilsAssessed: null,
      onCourse: null,
      watch: null,
      alreadyPersistentlyAbsent: null,
      notAtRisk: null,
      suppression: 'c',
    });
    expect(() => svc.pupils(report)).toThrow(
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    );
    const otherLa = service({ role: 'LA', laCode: '805', schools: [] });
    expect(() => otherLa.pupils(report)).toThrow();
  });

  it('lets a trust and an LA see the list for their own schools', async () => {
    for (const viewer of [
      { role: 'TRUST', groupUid: '9999', schools: [{ urn: URN, from: '2025-09-01', until: null }] },
      { role: 'LA', laCode: '806', schools: [{ urn: URN, from: null, until: null }] },
    ] as Viewer[]) {
      const svc = service(viewer);
      const report = await svc.report(URN, AS_OF);
      expect(report.onCourse).toBe(1);
      expect(svc.pupils(report)).toHaveLength(1);
    }
  });

  it('answers any number of schools in the same two statements', async () => {
    const svc = service({ role: 'DFE' });
    const one = await db.queryLog.countDuring(() => svc.report(URN, AS_OF));
    const svc2 = service({ role: 'DFE' });
    const several = await db.queryLog.countDuring(() =>
      Promise.all([
        svc2.report(URN, AS_OF),
        svc2.report(SECOND_SCHOOL, AS_OF),
        svc2.report(URN, '2025-11-14'),
        svc2.report(999999, AS_OF),
      ]),
    );
    expect(one).toBe(2);
    expect(several).toBe(2);
  });
});
