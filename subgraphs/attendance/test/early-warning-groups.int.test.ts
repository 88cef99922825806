import type { Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupScope } from '../src/authorization';
import { EarlyWarningService } from '../src/modules/early-warning/early-warning.service';
import type { CountedSpan } from '../src/modules/measures/measures.service';
import { AS_OF, ON_COURSE_DAYS, register } from './support/early-warning-registers';
import { type AttendanceDb, pupil, startAttendanceDb, submit, upn } from './support/registers';

/**
 * Trust.absenceRisk and LocalAuthority.absenceRisk on hand-built registers (dates as in
 * early-warning-registers.ts). Three schools of LA 806: A has 6 pupils on course and 5 not at
 * risk, B 1 on course and 6 not, C 5 not. Trust 4000 ran A all year, ran B until 14 November and
 * takes C on 24 November, so on 21 November it runs A alone.
 */
const A = 136240;
const B = 111028;
const C = 136097;
const TRUST: GroupScope = { kind: 'trust', groupUid: '4000' };
const LA: GroupScope = { kind: 'localAuthority', code: '806' };
const TRUST_SPANS: CountedSpan[] = [
  { urn: A, from: '2025-09-01', until: null },
  { urn: B, from: '2024-09-01', until: '2025-11-14' },
  { urn: C, from: '2025-11-24', until: null },
];
const LA_SPANS: CountedSpan[] = [A, B, C].map((urn) => ({ urn, from: null, until: null }));
const viewerSchools = (spans: CountedSpan[]) =>
  spans.map(({ urn, from, until }) => ({ urn, from, until }));

const TRUST_VIEWER: Viewer = {
  role: 'TRUST',
  groupUid: '4000',
  schools: viewerSchools(TRUST_SPANS),
};
const LA_VIEWER: Viewer = { role: 'LA', laCode: '806', schools: viewerSchools(LA_SPANS) };
const DFE: Viewer = { role: 'DFE' };
const FORBIDDEN = expect.objectContaining({ extensions: { code: 'FORBIDDEN' } });

let db: AttendanceDb;
const service = (viewer: Viewer) => new EarlyWarningService(db.orm.em.fork(), viewer);

/** `onCourse` pupils on course and `fine` never absent, at a school whose UPNs use `estab`. */
function school(urn: number, estab: number, onCourse: number, fine: number) {
  const upns = Array.from({ length: onCourse + fine }, (_, n) => upn(n + 1, estab));
  return submit(db.orm, {
    urn,
    pupils: upns.map((u) => pupil(u)),
    marks: upns.flatMap((u, n) => register(u, n < onCourse ? ON_COURSE_DAYS : [])),
  });
}

beforeAll(async () => {
  db = await startAttendanceDb('attendance_early_warning_groups');
  await school(A, 2005, 6, 5);
  await school(B, 2006, 1, 6);
  await school(C, 2007, 0, 5);
});
afterAll(() => db?.close());

describe('early warning for a trust and an LA', () => {
  it('counts the schools a trust ran on the date asked, and no others', async () => {
    const svc = service(DFE);
    const on = async (asOf: string) =>
      (await svc.groupReport(TRUST, TRUST_SPANS, asOf)).bySchool.map((report) => report.urn);
    expect(await on('2025-11-07')).toEqual([B, A]);
    expect(await on('2025-11-13')).toEqual([B, A]);
    expect(await on('2025-11-14')).toEqual([A]);
    expect(await on(AS_OF)).toEqual([A]);
    expect(await on('2025-11-24')).toEqual([C, A]);
  });

  it("gives an LA its schools' counts, each school's report and every pupil on course", async () => {
    const svc = service(LA_VIEWER);
    const report = await svc.groupReport(LA, LA_SPANS, AS_OF);
    expect(report).toMatchObject({
      schools: 3,
      pupilsAssessed: 23,
      alreadyPersistentlyAbsent: 0,
      onCourse: 7,
      watch: 0,
      notAtRisk: 16,
      suppressedFields: [],
      suppression: null,
    });
    expect(report.bySchool.map((row) => [row.urn, row.onCourse, row.notAtRisk])).toEqual([
      [B, 1, 6],
      [C, 0, 5],
      [A, 6, 5],
    ]);
    const pupils = svc.groupPupils(report);
    expect(pupils.map((row) => row.urn).sort()).toEqual([B, A, A, A, A, A, A].sort());
    // The same figures as School.absenceRisk gives for each pupil.
    const byId = (rows: { pupilId: string }[]) =>
      [...rows].sort((a, b) => a.pupilId.localeCompare(b.pupilId));
    const own = await service(LA_VIEWER).report(A, AS_OF);
    expect(byId(pupils.filter((row) => row.urn === A))).toEqual(
      byId(service(LA_VIEWER).pupils(own)),
    );
    expect(pupils[0]).toMatchObject({
      yearToDatePossibleSessions: 110,
      yearToDateOverallAbsenceSessions: 10,
      lastFourSchoolWeeks: {
        schoolWeeks: 4,
        overallAbsenceSessions: 8,
        onCourseForPersistentAbsence: true,
      },
      lastEightSchoolWeeks: {
        schoolWeeks: 8,
        overallAbsenceSessions: 10,
        onCourseForPersistentAbsence: true,
      },
    });
  });

  it('lets a trust list the pupils of the schools it ran on the date asked', async () => {
    const svc = service(TRUST_VIEWER);
    const now = await svc.groupReport(TRUST, TRUST_SPANS, AS_OF);
    expect(now.onCourse).toBe(6);
    expect(new Set(svc.groupPupils(now).map((row) => row.urn))).toEqual(new Set([A]));
    // On 13 November it still ran B, so B's pupils were its to see.
    const before = await svc.groupReport(TRUST, TRUST_SPANS, '2025-11-13');
    expect(before.bySchool.map((row) => row.urn)).toEqual([B, A]);
    expect(() => svc.groupPupils(before)).not.toThrow();
  });

  it.each<[string, Viewer, GroupScope, CountedSpan[]]>([
    ['another trust', { role: 'TRUST', groupUid: '4001', schools: [] }, TRUST, TRUST_SPANS],
    ['the school the trust runs', { role: 'SCHOOL', urn: A }, TRUST, TRUST_SPANS],
    ["the LA of the trust's schools", LA_VIEWER, TRUST, TRUST_SPANS],
    ['a trust, for the LA', TRUST_VIEWER, LA, LA_SPANS],
    ['another LA', { role: 'LA', laCode: '805', schools: [] }, LA, LA_SPANS],
    ['the public', { role: 'PUBLIC' }, LA, LA_SPANS],
    [
      'the LA, for schools it was told of but does not have',
      LA_VIEWER,
      LA,
      [...LA_SPANS, { urn: 100000, from: null, until: null }],
    ],
    [
      'the trust, for a school it was told it ran that day but had left',
      TRUST_VIEWER,
      TRUST,
      [{ urn: B, from: '2024-09-01', until: null }, ...TRUST_SPANS],
    ],
  ])('refuses the list to %s', async (_, viewer, scope, spans) => {
    const svc = service(viewer);
    const report = await svc.groupReport(scope, spans, AS_OF);
    expect(() => svc.groupPupils(report)).toThrow(FORBIDDEN);
  });

  it("gives the public each school's report as School.absenceRisk does, and totals that give none of it away", async () => {
    const svc = service({ role: 'PUBLIC' });
    const report = await svc.groupReport(LA, LA_SPANS, AS_OF);
    for (const row of report.bySchool) {
      const { onCoursePupils, ...counts } = await service({ role: 'PUBLIC' }).report(
        row.urn,
        AS_OF,
      );
      expect(row).toMatchObject(counts);
      expect(row.onCoursePupils).toHaveLength(onCoursePupils.length);
    }
    // B withholds its 1 on course and, so that 1 cannot be worked out from its 7, its 6 not at
    // risk. Publishing both LA totals would give B's 1 as 7 less A's 6, so both are withheld.
    expect(report.bySchool.find((row) => row.urn === B)?.suppressedFields).toEqual([
      'notAtRisk',
      'onCourse',
    ]);
    expect(report).toMatchObject({
      pupilsAssessed: 23,
      alreadyPersistentlyAbsent: 0,
      watch: 0,
      onCourse: null,
      notAtRisk: null,
      suppressedFields: ['notAtRisk', 'onCourse'],
      suppression: 'c',
    });
    expect(() => svc.groupPupils(report)).toThrow(FORBIDDEN);
  });

  it('withholds every total of a trust running one school from the public', async () => {
    const report = await service({ role: 'PUBLIC' }).groupReport(TRUST, TRUST_SPANS, AS_OF);
    expect(report).toMatchObject({
      schools: 1,
      pupilsAssessed: null,
      onCourse: null,
      notAtRisk: null,
      suppression: 'c',
    });
    expect(report.bySchool[0]).toMatchObject({ urn: A, onCourse: 6, notAtRisk: 5 });
  });

  it('answers one school or many, trusts and LAs together, in the same two statements', async () => {
    const one = await db.queryLog.countDuring(() =>
      service(DFE).groupReport(TRUST, TRUST_SPANS, AS_OF),
    );
    const svc = service(DFE);
    const many = await db.queryLog.countDuring(() =>
      Promise.all([
        svc.groupReport(LA, LA_SPANS, AS_OF),
        svc.groupReport(TRUST, TRUST_SPANS, '2025-11-07'),
        svc.groupReport(LA, [...LA_SPANS, { urn: 999999, from: null, until: null }], '2025-11-14'),
        svc.report(A, AS_OF),
      ]),
    );
    expect(one).toBe(2);
    expect(many).toBe(2);
  });
});
