import { describe, expect, it } from 'vitest';
import { checkPenaltyNoticeThreshold, type RegisterMark } from '../src/domain';
import { fullDays, mark, weekdays } from './factories';

// A school calendar for autumn 2024 with the October half-term (28 Oct – 1 Nov) off.
const autumn2024 = weekdays('2024-09-04', '2024-12-20', [{ from: '2024-10-28', to: '2024-11-01' }]);
// The end of 2024/25 (summer term ends Tuesday 22 July) and the start of 2025/26 (3 September).
const summerAndAutumn2025 = [
  ...weekdays('2025-06-02', '2025-07-22'),
  ...weekdays('2025-09-03', '2025-10-17'),
];

/** `count` unauthorised sessions from the given dates, mixing G, N, O and U. */
function unauthorised(dates: string[], count: number): RegisterMark[] {
  const codes = ['O', 'N', 'G', 'U'];
  return fullDays(dates, 'O')
    .slice(0, count)
    .map((m, index) => ({ ...m, code: codes[index % codes.length] as string }));
}

describe('penalty notice threshold: 10 unauthorised sessions in 10 school weeks', () => {
  const lateNovember = weekdays('2024-11-18', '2024-11-29');

  it('is met at exactly 10 unauthorised sessions in any mix of G, N, O and U', () => {
    const check = checkPenaltyNoticeThreshold(
      unauthorised(lateNovember, 10),
      autumn2024,
      '2024-11-29',
    );
    expect(check.thresholdMet).toBe(true);
    expect(check.unauthorisedSessions).toBe(10);
    expect(new Set(check.countingSessions.map((m) => m.code))).toEqual(
      new Set(['O', 'N', 'G', 'U']),
    );
  });

  it('is not met at 9', () => {
    const check = checkPenaltyNoticeThreshold(
      unauthorised(lateNovember, 9),
      autumn2024,
      '2024-11-29',
    );
    expect(check.thresholdMet).toBe(false);
    expect(check.unauthorisedSessions).toBe(9);
  });

  it('does not count authorised absence or lateness before the register closed', () => {
    const marks = [
      ...unauthorised(lateNovember, 9),
      mark('2024-11-20', 'I', 'PM'),
      mark('2024-11-21', 'L', 'PM'),
      mark('2024-11-22', 'H', 'PM'),
    ];
    expect(checkPenaltyNoticeThreshold(marks, autumn2024, '2024-11-29').unauthorisedSessions).toBe(
      9,
    );
  });

  it('reaches back over the half-term week, which is not a school week', () => {
    // Up to Fri 29 Nov the ten school weeks are 25, 18, 11, 4 Nov and 21, 14, 7 Oct, 30, 23, 16 Sep.
    const nine = unauthorised(lateNovember, 9);
    const check = checkPenaltyNoticeThreshold(
      [...nine, mark('2024-09-16', 'O')],
      autumn2024,
      '2024-11-29',
    );
    expect(check.window.from).toBe('2024-09-16');
    expect(check.window.weeksCommencing).not.toContain('2024-10-28');
    expect(check.thresholdMet).toBe(true);
    expect(check.countingSessions[0]).toEqual(mark('2024-09-16', 'O'));
  });

  it('leaves out a session on the Friday before the oldest school week in the window', () => {
    const check = checkPenaltyNoticeThreshold(
      [...unauthorised(lateNovember, 9), mark('2024-09-13', 'O')],
      autumn2024,
      '2024-11-29',
    );
    expect(check.thresholdMet).toBe(false);
  });

  it('reaches back across the summer holiday into the previous academic year', () => {
    // Up to Fri 19 Sep 2025: 15, 8, 1 Sep, then 21, 14, 7 Jul, 30, 23, 16, 9 Jun.
    const september = unauthorised(weekdays('2025-09-15', '2025-09-19'), 9);
    const counted = checkPenaltyNoticeThreshold(
      [...september, mark('2025-06-09', 'G', 'PM')],
      summerAndAutumn2025,
      '2025-09-19',
    );
    expect(counted.window.from).toBe('2025-06-09');
    expect(counted.thresholdMet).toBe(true);
    const tooEarly = checkPenaltyNoticeThreshold(
      [...september, mark('2025-06-06', 'G', 'PM')],
      summerAndAutumn2025,
      '2025-09-19',
    );
    expect(tooEarly.thresholdMet).toBe(false);
  });

  it('counts only sessions up to the date asked, in a week that has begun', () => {
    const week = weekdays('2024-11-25', '2024-11-29');
    const marks = unauthorised(week, 10);
    const midweek = checkPenaltyNoticeThreshold(marks, autumn2024, '2024-11-27');
    expect(midweek.unauthorisedSessions).toBe(6);
    expect(midweek.window.to).toBe('2024-11-27');
    expect(midweek.window.weeksCommencing.at(-1)).toBe('2024-11-25');
  });

  it('treats the pupil’s own marks as sessions the school held', () => {
    const marks = unauthorised(weekdays('2024-11-20', '2024-11-26'), 10);
    const check = checkPenaltyNoticeThreshold(marks, [], '2024-11-29');
    expect(check.window.weeksCommencing).toEqual(['2024-11-18', '2024-11-25']);
    expect(check.thresholdMet).toBe(true);
  });
});
