import { describe, expect, it } from 'vitest';
import {
  addSessionCounts,
  attendanceMeasures,
  countMarks,
  possibleSessions,
  roundRateForDisplay,
  sessionCountsForCode,
} from '../src/domain';
import { mark, sessions } from './factories';

describe('session counts', () => {
  it('adds up class by class and code by code', () => {
    const total = addSessionCounts(sessions({ '/': 10, I: 2 }), sessions({ '/': 5, U: 1, D: 3 }));
    expect(total).toEqual({
      present: 15,
      approvedEducationalActivity: 0,
      authorisedAbsence: 2,
      unauthorisedAbsence: 1,
      notCounted: 3,
      late: 1,
      byCode: { '/': 15, I: 2, U: 1, D: 3 },
    });
  });

  it('counts marks the same way as the per-code rollups', () => {
    const marks = [mark('2025-01-06', '/'), mark('2025-01-06', 'L', 'PM'), mark('2025-01-07', 'N')];
    expect(countMarks(marks)).toEqual(sessions({ '/': 1, L: 1, N: 1 }));
  });

  it('refuses a code that is not in the table', () => {
    expect(() => sessionCountsForCode('A')).toThrow(/not a register code/);
  });
});

describe('attendance measures (domain.md §2.3)', () => {
  it('puts approved educational activity in attendance and in possible sessions', () => {
    const measures = attendanceMeasures(sessions({ '/': 16, K: 2, I: 1, O: 1 }));
    expect(measures.possibleSessions).toBe(20);
    expect(measures.overallAttendanceSessions).toBe(18);
    expect(measures.presentSessions).toBe(16);
    expect(measures.attendanceRate).toBe(90);
    expect(measures.presentRate).toBe(80);
    expect(measures.overallAbsenceRate).toBe(10);
    expect(measures.authorisedAbsenceRate).toBe(5);
    expect(measures.unauthorisedAbsenceRate).toBe(5);
  });

  it('leaves D, X, Q, Y1–Y7, Z and # out of possible sessions', () => {
    const excluded = sessions({ D: 1, X: 1, Q: 1, Y1: 1, Y4: 1, Y7: 1, Z: 1, '#': 1 });
    const counts = addSessionCounts(sessions({ '/': 9, I: 1 }), excluded);
    expect(possibleSessions(counts)).toBe(10);
    expect(attendanceMeasures(counts)).toMatchObject({
      overallAbsenceRate: 10,
      notCountedSessions: 8,
    });
    expect(attendanceMeasures(counts).reasonRates).toEqual({ '/': 90, I: 10 });
  });

  it('counts late sessions as L plus U, with L present and U unauthorised', () => {
    const measures = attendanceMeasures(sessions({ '/': 6, L: 2, U: 2 }));
    expect(measures).toMatchObject({
      lateSessions: 4,
      presentSessions: 8,
      unauthorisedAbsenceSessions: 2,
      lateRate: 40,
    });
  });

  it('divides summed sessions, never averaging the rates of the parts', () => {
    const smallSchool = sessions({ '/': 1, I: 1 }); // 50 % absence
    const largeSchool = sessions({ '/': 99, I: 1 }); // 1 % absence
    const combined = attendanceMeasures(addSessionCounts(smallSchool, largeSchool));
    expect(combined.overallAbsenceRate).toBeCloseTo((2 / 102) * 100, 12);
    expect(combined.overallAbsenceRate).not.toBeCloseTo(25.5, 1);
  });

  it('gives illness and appointments their own reason rates', () => {
    const { reasonRates } = attendanceMeasures(sessions({ '/': 8, I: 1, M: 1 }));
    expect(reasonRates.I).toBe(10);
    expect(reasonRates.M).toBe(10);
  });

  it('returns null rates when there are no possible sessions rather than 0 %', () => {
    const measures = attendanceMeasures(sessions({ D: 4 }));
    expect(measures.possibleSessions).toBe(0);
    expect(measures.attendanceRate).toBeNull();
    expect(measures.overallAbsenceRate).toBeNull();
  });

  it('keeps rates unrounded and rounds only for display, half away from zero', () => {
    const rate = attendanceMeasures(sessions({ '/': 2, I: 1 })).overallAbsenceRate ?? NaN;
    expect(rate).toBeCloseTo(33.3333333333, 9);
    expect(roundRateForDisplay(rate)).toBe(33.33);
    expect(roundRateForDisplay(6.875, 2)).toBe(6.88);
    expect(roundRateForDisplay(1.005)).toBe(1.01);
    expect(roundRateForDisplay(93.12499, 1)).toBe(93.1);
  });
});
