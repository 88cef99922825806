import type { Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PenaltyNoticeService } from '../src/modules/penalty/penalty-notice.service';
import { PenaltyService } from '../src/modules/penalty/penalty.service';
import type { MarkSubmission } from '../src/modules/register/ingestion';
import { runSql } from '../src/sql';
import { weekdays } from './factories';
import { type AttendanceDb, pupil, startAttendanceDb, submit, upn } from './support/registers';

let db: AttendanceDb;
const URN = 136339;
const AS_OF = '2025-11-21';
/** Ten school weeks up to 21 November 2025 run from 8 September, skipping the October half-term. */
const DAYS = weekdays('2025-09-01', AS_OF, [{ from: '2025-10-27', to: '2025-10-31' }]);
const EVERYONE = [upn(1), upn(2), upn(3), upn(4), upn(5)];

/** Every pupil present every session, except the unauthorised sessions given by date. */
function register(absences: Record<string, { date: string; code: string }[]>): MarkSubmission[] {
  return EVERYONE.flatMap((u) =>
    DAYS.flatMap((date) =>
      (['AM', 'PM'] as const).map((session) => {
        const absent = (absences[u] ?? []).filter((a) => a.date === date);
        const code = absent[session === 'AM' ? 0 : 1]?.code ?? (session === 'AM' ? '/' : '\\');
        return { upn: u, date, session, code };
      }),
    ),
  );
}

const days = (dates: string[], code: string) =>
  dates.flatMap((date) => [
    { date, code },
    { date, code },
  ]);

beforeAll(async () => {
  db = await startAttendanceDb('attendance_penalty');
  await submit(db.orm, {
    urn: URN,
    pupils: EVERYONE.map((u) => pupil(u)),
    marks: register({
      // exactly 10 in the window, mixing codes
      [upn(1)]: [
        ...days(['2025-09-15', '2025-09-16'], 'O'),
        ...days(['2025-10-01', '2025-10-02'], 'G'),
        ...days(['2025-11-03'], 'U'),
      ],
      // exactly 9: not yet
      [upn(2)]: [
        ...days(['2025-09-15', '2025-09-16', '2025-10-01', '2025-10-02'], 'O'),
        { date: '2025-11-03', code: 'N' },
      ],
      // 10 across the half-term: the holiday week is not a school week
      [upn(3)]: [
        ...days(['2025-09-08', '2025-09-09'], 'N'),
        { date: '2025-09-10', code: 'N' },
        ...days(['2025-11-19', '2025-11-20'], 'N'),
        { date: '2025-11-21', code: 'N' },
      ],
      // 10, but the first two fall in the 11th school week back
      [upn(4)]: [
        ...days(['2025-09-03'], 'G'),
        ...days(['2025-09-08', '2025-09-09', '2025-09-10', '2025-09-11'], 'G'),
      ],
      // authorised absence never counts
      [upn(5)]: days(DAYS.slice(10, 30), 'I'),
    }),
  });
});
afterAll(() => db?.close());

const service = (viewer: Viewer) => new PenaltyService(db.orm.em.fork(), viewer);

describe('penalty notice candidates', () => {
  it('lists pupils with 10 unauthorised sessions in the rolling 10 school weeks, across a half-term', async () => {
    const candidates = await service({ role: 'SCHOOL', urn: URN }).candidates(URN, AS_OF);
    expect(candidates.map((c) => c.pupil.upn).sort()).toEqual([upn(1), upn(3)].sort());
    const first = candidates.find((c) => c.pupil.upn === upn(1))!;
    expect(first.unauthorisedSessions).toBe(10);
    expect(first.windowFrom).toBe('2025-09-08');
    expect(first.countingSessions.map((s) => s.code)).toEqual([
      ...Array(4).fill('O'),
      ...Array(4).fill('G'),
      'U',
      'U',
    ]);
  });

  it('counts a week only once it is a school week, so the window moves back over holidays', async () => {
    // Ten school weeks up to Friday 14 November reach back to 1 September, because the half-term
    // week is not a school week: pupil 4's sessions of 3 September count, pupil 3's of 19–21
    // November have not happened.
    const earlier = await service({ role: 'DFE' }).candidates(URN, '2025-11-14');
    expect(earlier.map((c) => c.pupil.upn).sort()).toEqual([upn(1), upn(4)].sort());
    expect(earlier.find((c) => c.pupil.upn === upn(4))).toMatchObject({
      unauthorisedSessions: 10,
      windowFrom: '2025-09-01',
    });
  });

  it('is pupil-level: refused to viewers outside the school', async () => {
    await expect(service({ role: 'PUBLIC' }).candidates(URN, AS_OF)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(
      service({ role: 'SCHOOL', urn: 136330 }).candidates(URN, AS_OF),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('the rolling window across the academic year boundary', () => {
  // Summer 2025: school weeks from 19 May, with the half-term week of 26 May off, to Friday 18 July;
  // then the new year from Wednesday 3 September. Ten school weeks up to Friday 19 September are
  // 2 June to 18 July (7 weeks) and 1, 8 and 15 September (3 weeks): the summer holiday is no week.
  const URN_B = 111001;
  const AS_OF_B = '2025-09-19';
  const SUMMER = weekdays('2025-05-19', '2025-07-18', [{ from: '2025-05-26', to: '2025-05-30' }]);
  const AUTUMN = weekdays('2025-09-03', AS_OF_B);
  const PUPILS = [upn(11, 2002), upn(12, 2002), upn(13, 2002), upn(14, 2002)];
  const unauthorisedOn = (dates: string[], count: number) =>
    dates.flatMap((date) => [`${date}|AM`, `${date}|PM`]).slice(0, count);

  /** Which sessions each pupil missed without authority, as `date|session`. */
  const ABSENT: Record<string, string[]> = {
    // exactly 10: 4 in the oldest week of the window (2 June), 6 in September
    [PUPILS[0]!]: [
      ...unauthorisedOn(['2025-06-02', '2025-06-03'], 4),
      ...unauthorisedOn(['2025-09-15', '2025-09-16', '2025-09-17'], 6),
    ],
    // exactly 9 across the boundary: not yet
    [PUPILS[1]!]: [
      ...unauthorisedOn(['2025-06-02', '2025-06-03'], 3),
      ...unauthorisedOn(['2025-09-15', '2025-09-16', '2025-09-17'], 6),
    ],
    // 10, but 2 fall in the week of 19 May, the 11th school week back
    [PUPILS[2]!]: [
      ...unauthorisedOn(['2025-05-19'], 2),
      ...unauthorisedOn(['2025-06-02', '2025-06-03'], 2),
      ...unauthorisedOn(['2025-09-15', '2025-09-16', '2025-09-17'], 6),
    ],
    // 10, all in the summer weeks that are still inside the window
    [PUPILS[3]!]: unauthorisedOn(
      ['2025-07-14', '2025-07-15', '2025-07-16', '2025-07-17', '2025-07-18'],
      10,
    ),
  };

  beforeAll(async () => {
    for (const dates of [SUMMER, AUTUMN]) {
      await submit(db.orm, {
        urn: URN_B,
        pupils: PUPILS.map((u) => pupil(u, { admittedOn: '2024-09-02' })),
        marks: PUPILS.flatMap((u) =>
          dates.flatMap((date) =>
            (['AM', 'PM'] as const).map((session) => ({
              upn: u,
              date,
              session,
              code: ABSENT[u]!.includes(`${date}|${session}`) ? 'O' : session === 'AM' ? '/' : '\\',
            })),
          ),
        ),
      });
    }
  });

  it('spans the summer holiday: exactly 10 sessions across two academic years are a candidate, 9 are not', async () => {
    const candidates = await service({ role: 'DFE' }).candidates(URN_B, AS_OF_B);
    expect(candidates.map((c) => c.pupil.upn).sort()).toEqual([PUPILS[0], PUPILS[3]].sort());
    const acrossYears = candidates.find((c) => c.pupil.upn === PUPILS[0])!;
    expect(acrossYears).toMatchObject({ unauthorisedSessions: 10, windowFrom: '2025-06-02' });
    expect(acrossYears.countingSessions.map((s) => s.date.slice(0, 7))).toEqual([
      ...Array(4).fill('2025-06'),
      ...Array(6).fill('2025-09'),
    ]);
  });

  it('drops the 11th school week back even though it is in the previous academic year', async () => {
    const candidates = await service({ role: 'DFE' }).candidates(URN_B, AS_OF_B);
    expect(candidates.map((c) => c.pupil.upn)).not.toContain(PUPILS[2]);
    // A week earlier the window reaches back to 19 May, but the 6 sessions of 15–17 September
    // had not happened: pupils 11 and 13 have only 4 each, and only the July pupil is a candidate.
    const earlier = await service({ role: 'DFE' }).candidates(URN_B, '2025-09-12');
    expect(earlier.map((c) => c.pupil.upn)).toEqual([PUPILS[3]]);
  });

  it('counts the summer weeks for the notice service exactly as for the candidates list', async () => {
    const checks = await new PenaltyNoticeService(db.orm.em.fork(), {
      role: 'DFE',
    }).thresholdChecks(
      await Promise.all(
        PUPILS.map(async (u) => {
          const [row] = await runSql<{ id: string }>(
            db.orm.em.fork(),
            'select id from attendance.enrolment where urn = ? and upn = ?',
            [URN_B, u],
          );
          return { enrolmentId: row!.id, urn: URN_B, asOf: AS_OF_B };
        }),
      ),
    );
    expect(checks.map((c) => [c.thresholdMet, c.unauthorisedSessions])).toEqual([
      [true, 10],
      [false, 9],
      [false, 8],
      [true, 10],
    ]);
  });
});
