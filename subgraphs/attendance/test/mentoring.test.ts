import { describe, expect, it } from 'vitest';
import { mentoringCaseAttendance, summariseMentoringCases } from '../src/domain';
import { fullDays, weekdays } from './factories';

describe('a mentoring case’s attendance before and after enrolment', () => {
  // Ten days before enrolment on Mon 6 Jan 2025 (5 absent), ten days from it (1 absent).
  const before = [
    ...fullDays(weekdays('2024-12-09', '2024-12-13'), '/'),
    ...fullDays(weekdays('2024-12-16', '2024-12-20'), 'O'),
  ];
  const after = [
    ...fullDays(weekdays('2025-01-06', '2025-01-16'), '/'),
    ...fullDays(['2025-01-17'], 'I'),
  ];
  const mentoringCase = { enrolledOn: '2025-01-06', endedOn: null };

  it('compares the ratio of sessions before with the ratio after', () => {
    const result = mentoringCaseAttendance(mentoringCase, [...before, ...after], '2025-01-17');
    expect(result.before.period).toEqual({ from: '2024-01-06', to: '2025-01-05' });
    expect(result.before.measures).toMatchObject({ possibleSessions: 20, attendanceRate: 50 });
    expect(result.after.measures).toMatchObject({ possibleSessions: 20, attendanceRate: 90 });
    expect(result.attendanceRateChangePoints).toBe(40);
  });

  it('stops counting on the day the case ended', () => {
    const ended = { enrolledOn: '2025-01-06', endedOn: '2025-01-10' };
    const result = mentoringCaseAttendance(ended, [...before, ...after], '2025-01-31');
    expect(result.after.period).toEqual({ from: '2025-01-06', to: '2025-01-10' });
    expect(result.after.measures.possibleSessions).toBe(10);
  });

  it('has no change figure when a side has no possible sessions', () => {
    const result = mentoringCaseAttendance(mentoringCase, after, '2025-01-17');
    expect(result.before.measures.attendanceRate).toBeNull();
    expect(result.attendanceRateChangePoints).toBeNull();
  });

  it('summarises cases by summing sessions, not by averaging each case’s rate', () => {
    const first = mentoringCaseAttendance(mentoringCase, [...before, ...after], '2025-01-17');
    const fullAttender = mentoringCaseAttendance(
      mentoringCase,
      fullDays(weekdays('2024-09-02', '2025-01-17'), '/'),
      '2025-01-17',
    );
    const summary = summariseMentoringCases([first, fullAttender]);
    const beforeSessions = 20 + fullAttender.before.measures.possibleSessions;
    expect(summary.cases).toBe(2);
    expect(summary.before.attendanceRate).toBeCloseTo(
      ((beforeSessions - 10) / beforeSessions) * 100,
      9,
    );
    expect(summary.before.attendanceRate).not.toBeCloseTo(75, 0);
  });
});
