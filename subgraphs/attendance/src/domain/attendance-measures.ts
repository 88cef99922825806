import { type RegisterCode, registerCodeDefinition } from './register-codes';
import {
  type SessionCounts,
  overallAbsenceSessions,
  overallAttendanceSessions,
  possibleSessions,
} from './session-counts';

/**
 * The headline measures of domain.md §2.3 for any set of sessions (an enrolment, a school, a trust,
 * a period). Rates are percentages from 0 to 100 and are NOT rounded: rounding happens once, for
 * display, with `roundRateForDisplay`, so that rates re-derived from the counts always agree.
 * A rate is null when there are no possible sessions, rather than a misleading 0.
 */
export interface AttendanceMeasures {
  possibleSessions: number;
  presentSessions: number;
  approvedEducationalActivitySessions: number;
  overallAttendanceSessions: number;
  authorisedAbsenceSessions: number;
  unauthorisedAbsenceSessions: number;
  overallAbsenceSessions: number;
  lateSessions: number;
  notCountedSessions: number;
  /** overall attendance (present + approved educational activity) / possible, as DfE's code does. */
  attendanceRate: number | null;
  /** present (/ \ L) / possible: the rate ADD's technical guidance describes. */
  presentRate: number | null;
  overallAbsenceRate: number | null;
  authorisedAbsenceRate: number | null;
  unauthorisedAbsenceRate: number | null;
  lateRate: number | null;
  /** Sessions with each code that counts in possible sessions, over possible sessions. */
  reasonRates: Readonly<Record<RegisterCode, number>>;
}

/** numerator / denominator × 100, or null when there is nothing to divide by. */
export function percentageOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? (numerator / denominator) * 100 : null;
}

export function attendanceMeasures(counts: SessionCounts): AttendanceMeasures {
  const possible = possibleSessions(counts);
  const overallAttendance = overallAttendanceSessions(counts);
  const overallAbsence = overallAbsenceSessions(counts);
  const reasonRates: Record<RegisterCode, number> = {};
  if (possible > 0) {
    for (const [code, sessions] of Object.entries(counts.byCode)) {
      const definition = registerCodeDefinition(code);
      if (definition && definition.statisticalClass !== 'notCounted') {
        reasonRates[code] = (sessions / possible) * 100;
      }
    }
  }
  return {
    possibleSessions: possible,
    presentSessions: counts.present,
    approvedEducationalActivitySessions: counts.approvedEducationalActivity,
    overallAttendanceSessions: overallAttendance,
    authorisedAbsenceSessions: counts.authorisedAbsence,
    unauthorisedAbsenceSessions: counts.unauthorisedAbsence,
    overallAbsenceSessions: overallAbsence,
    lateSessions: counts.late,
    notCountedSessions: counts.notCounted,
    attendanceRate: percentageOf(overallAttendance, possible),
    presentRate: percentageOf(counts.present, possible),
    overallAbsenceRate: percentageOf(overallAbsence, possible),
    authorisedAbsenceRate: percentageOf(counts.authorisedAbsence, possible),
    unauthorisedAbsenceRate: percentageOf(counts.unauthorisedAbsence, possible),
    lateRate: percentageOf(counts.late, possible),
    reasonRates,
  };
}

/**
 * Rounds a rate to `decimalPlaces` (2 by default, as EES publishes) for display only, half away
 * from zero. The epsilon stops binary fractions such as 6.875 × 100 landing just under the half.
 */
export function roundRateForDisplay(rate: number, decimalPlaces = 2): number {
  const scale = 10 ** decimalPlaces;
  return (Math.sign(rate) * Math.round(Math.abs(rate) * scale * (1 + Number.EPSILON))) / scale;
}
