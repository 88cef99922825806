import type { Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PenaltyService } from '../src/modules/penalty/penalty.service';
import type { MarkSubmission } from '../src/modules/register/ingestion';
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

describe('penalty notice candidates', () => {
  const service = (viewer: Viewer) => new PenaltyService(db.orm.em.fork(), viewer);

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
