import type { Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentoringCaseAttendance } from '../src/domain/mentoring';
import type { RegisterMark } from '../src/domain/session-counts';
import { MentoringService } from '../src/modules/mentoring/mentoring.service';
import type { MarkSubmission } from '../src/modules/register/ingestion';
import { runSql } from '../src/sql';
import { weekdays } from './factories';
import {
  type AttendanceDb,
  countRows,
  pupil,
  startAttendanceDb,
  submit,
  upn,
} from './support/registers';

/**
 * Hand-built registers for the mentoring pilot (domain.md §2.6). Autumn 2025 at one school:
 * 8 weeks from 1 September to 24 October, the half-term, then 6 weeks from 3 November to
 * 12 December and one more day, 15 December.
 */
const URN = 136165;
const OTHER_URN = 136097;
const TODAY = '2025-12-19';
const BEFORE = weekdays('2025-09-01', '2025-10-24');
const AFTER = weekdays('2025-11-03', '2025-12-12');
const MENTORED = upn(31, 2003);
const SECOND = upn(32, 2003);
const PRESENT = upn(33, 2003);
const ELSEWHERE = upn(34, 2004);
const LA: Viewer = {
  role: 'LA',
  laCode: '806',
  schools: [URN, OTHER_URN].map((urn) => ({ urn, from: null, until: null })),
};

let db: AttendanceDb;
let ids: Record<string, string>;
const service = (viewer: Viewer = LA) => new MentoringService(db.orm.em.fork(), viewer, TODAY);
const marks = new Map<string, MarkSubmission[]>();

/** Present except for `absent` sessions per date list, with a code each. */
function register(u: string, dates: string[], absent: Record<number, string>): MarkSubmission[] {
  return dates.flatMap((date, day) =>
    (['AM', 'PM'] as const).map((session, s) => ({
      upn: u,
      date,
      session,
      code: absent[day * 2 + s] ?? (session === 'AM' ? '/' : '\\'),
    })),
  );
}

/** The first `n` sessions of the given dates with `code`. */
const first = (n: number, code: string, offset = 0) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [offset + i, code]));

beforeAll(async () => {
  db = await startAttendanceDb('attendance_mentoring');
  // MENTORED: 24 of 80 sessions missed before (70 % attendance), 6 of 60 after (90 %), with an
  // INSET day (#, not possible) before and an absence after the case ends that must not count.
  marks.set(MENTORED, [
    ...register(MENTORED, BEFORE, { ...first(20, 'I'), ...first(4, 'O', 20) }),
    { upn: MENTORED, date: '2025-10-27', session: 'AM', code: '#' },
    ...register(MENTORED, AFTER, first(6, 'O')),
    ...register(MENTORED, ['2025-12-15'], first(2, 'O')),
  ]);
  // SECOND: 40 of 80 missed in the first 8 weeks, then never absent: 40 % by 17 November.
  marks.set(SECOND, [...register(SECOND, BEFORE, first(40, 'N')), ...register(SECOND, AFTER, {})]);
  // PRESENT: 7 of 80 missed (8.75 %): not persistently absent.
  marks.set(PRESENT, register(PRESENT, [...BEFORE, ...AFTER], first(7, 'I')));
  await submit(db.orm, {
    urn: URN,
    pupils: [MENTORED, SECOND, PRESENT].map((u) => pupil(u)),
    marks: [MENTORED, SECOND, PRESENT].flatMap((u) => marks.get(u)!),
  });
  await submit(db.orm, {
    urn: OTHER_URN,
    pupils: [pupil(ELSEWHERE)],
    marks: register(ELSEWHERE, BEFORE, first(30, 'O')),
  });
  const rows = await runSql<{ id: string; upn: string }>(
    db.orm.em.fork(),
    'select id, upn from attendance.enrolment',
  );
  ids = Object.fromEntries(rows.map((row) => [row.upn, row.id]));
});
afterAll(() => db?.close());

const enrolment = (u: string, enrolledOn = '2025-11-03', mentorName = 'Sam Okafor') => ({
  pupilId: ids[u]!,
  enrolledOn,
  mentorName,
});

describe('enrolling in the mentoring pilot', () => {
  it('refuses a pupil below 10 % for the year to date, and lists every problem at once', async () => {
    await expect(
      service().enrol([{ ...enrolment(PRESENT, '2026-01-05'), mentorName: ' ' }]),
    ).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { path: 'input.mentorName', message: 'must not be blank' },
          { path: 'input.enrolledOn', message: '2026-01-05 is in the future' },
        ],
      },
    });
    await expect(service().enrol([enrolment(PRESENT)])).rejects.toMatchObject({
      extensions: {
        problems: [
          {
            path: 'input.pupilId',
            message: expect.stringMatching(/not persistently or severely absent.*7 of 80/),
          },
        ],
      },
    });
    expect(await countRows(db.orm, 'mentoring_case')).toBe(0);
  });

  it('enrols a persistently absent pupil with the year-to-date figures that made them eligible', async () => {
    const [mentoringCase] = await service().enrol([enrolment(MENTORED)]);
    expect(mentoringCase).toMatchObject({
      urn: URN,
      mentorName: 'Sam Okafor',
      mentorOrganisation: "Barnardo's",
      enrolledOn: '2025-11-03',
      endedOn: null,
      eligibility: {
        possibleSessions: 80,
        overallAbsenceSessions: 24,
        persistentlyAbsent: true,
        severelyAbsent: false,
      },
    });
    await expect(service().enrol([enrolment(MENTORED, '2025-11-10')])).rejects.toMatchObject({
      extensions: { problems: [{ message: expect.stringMatching(/already has an open/) }] },
    });
  });

  it('is the LA’s to do for its own schools, or DfE’s', async () => {
    const outOfArea: Viewer = { role: 'LA', laCode: '805', schools: [] };
    for (const viewer of [
      outOfArea,
      { role: 'SCHOOL', urn: URN },
      { role: 'TRUST', groupUid: '2305', schools: [{ urn: URN, from: null, until: null }] },
      { role: 'PUBLIC' },
    ] as Viewer[]) {
      await expect(service(viewer).enrol([enrolment(SECOND)])).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
  });
});

describe("a case's attendance before and after enrolment", () => {
  it('divides summed sessions on each side, leaving out # and the days after the end', async () => {
    const [open] = await service().enrol([enrolment(SECOND, '2025-11-17')]);
    const rows = await runSql<{ id: string }>(
      db.orm.em.fork(),
      'select id from attendance.mentoring_case where enrolment_id = ?',
      [ids[MENTORED]],
    );
    const [ended] = await service().end([
      { caseId: rows[0]!.id, endedOn: '2025-12-12', reason: 'attending well' },
    ]);
    const attendance = await service().attendance(ended!);
    expect(attendance.before).toMatchObject({
      from: '2024-11-03',
      to: '2025-11-02',
      possibleSessions: 80,
      overallAbsenceSessions: 24,
      attendanceRate: 70,
    });
    expect(attendance.after).toMatchObject({
      from: '2025-11-03',
      to: '2025-12-12',
      possibleSessions: 60,
      overallAbsenceSessions: 6,
      attendanceRate: 90,
    });
    expect(attendance.attendanceRateChangePoints).toBeCloseTo(20, 10);

    // The same answer as the domain's own function over the raw marks.
    const domain = mentoringCaseAttendance(
      { enrolledOn: '2025-11-03', endedOn: '2025-12-12' },
      marks.get(MENTORED)! as RegisterMark[],
      TODAY,
    );
    expect(attendance.before.attendanceRate).toBe(domain.before.measures.attendanceRate);
    expect(attendance.after.attendanceRate).toBe(domain.after.measures.attendanceRate);

    // An open case runs to the date asked.
    const openAttendance = await service().attendance(open!);
    expect(openAttendance.after).toMatchObject({
      from: '2025-11-17',
      to: TODAY,
      possibleSessions: 40,
      attendanceRate: 100,
    });
  });

  it('refuses to end a case twice or before it began', async () => {
    const [row] = await runSql<{ id: string }>(
      db.orm.em.fork(),
      'select id from attendance.mentoring_case where enrolment_id = ?',
      [ids[SECOND]],
    );
    await expect(service().end([{ caseId: row!.id, endedOn: '2025-10-01' }])).rejects.toMatchObject(
      {
        extensions: {
          problems: [{ path: 'input.endedOn', message: expect.stringMatching(/before/) }],
        },
      },
    );
    const [ended] = await runSql<{ id: string }>(
      db.orm.em.fork(),
      'select id from attendance.mentoring_case where enrolment_id = ?',
      [ids[MENTORED]],
    );
    await expect(
      service().end([{ caseId: ended!.id, endedOn: '2025-12-15' }]),
    ).rejects.toMatchObject({
      extensions: { problems: [{ path: 'input.caseId', message: 'the case ended on 2025-12-12' }] },
    });
  });
});

describe('the pilot summary per LA', () => {
  const la = { code: '806', schoolUrns: [URN, OTHER_URN] };

  it('sums sessions over cases before dividing, rather than averaging case rates', async () => {
    const summary = await service().pilotSummary(la, TODAY);
    expect(summary).toMatchObject({ cases: 2, openCases: 1, endedCases: 1, suppression: null });
    // Before: (56 + 60) / (80 + 100) = 64.4 %, not the mean of 70 % and 60 % (65 %); after:
    // (54 + 40) / (60 + 40) = 94 %, not the mean of 90 % and 100 % (95 %).
    expect(summary.before).toMatchObject({ possibleSessions: 180, overallAbsenceSessions: 64 });
    expect(summary.before.attendanceRate).toBeCloseTo((116 / 180) * 100, 10);
    expect(summary.after).toMatchObject({ possibleSessions: 100, attendanceRate: 94 });
    expect(summary.attendanceRateChangePoints).toBeCloseTo(94 - (116 / 180) * 100, 10);
    // Before either enrolment there were no cases.
    expect((await service().pilotSummary(la, '2025-11-02')).cases).toBe(0);
  });

  it('withholds small counts and one-school figures from viewers who may not see the pupils', async () => {
    const summary = await service({ role: 'PUBLIC' }).pilotSummary(la, TODAY);
    expect(summary).toMatchObject({
      cases: null,
      openCases: null,
      endedCases: null,
      suppression: 'c',
    });
    expect(summary.before.attendanceRate).toBeNull();
    expect(summary.attendanceRateChangePoints).toBeNull();
  });

  it('lists cases to the LA and DfE only', async () => {
    const page = { first: 10, afterKey: null };
    expect((await service().casesOfLocalAuthority(la, page, TODAY)).totalCount).toBe(2);
    expect(
      (await service({ role: 'DFE' }).casesOfLocalAuthority(la, page, TODAY)).edges,
    ).toHaveLength(2);
    for (const viewer of [
      { role: 'PUBLIC' },
      { role: 'SCHOOL', urn: URN },
      { role: 'LA', laCode: '805' },
    ] as Viewer[]) {
      await expect(service(viewer).casesOfLocalAuthority(la, page, TODAY)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
  });

  it('answers the summary for many cases in a constant number of statements', async () => {
    const statements = await db.queryLog.countDuring(() => service().pilotSummary(la, TODAY));
    expect(statements).toBeLessThanOrEqual(2);
  });
});
