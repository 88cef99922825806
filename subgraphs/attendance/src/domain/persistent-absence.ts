import { percentageOf } from './attendance-measures';
import { type SessionCounts, overallAbsenceSessions, possibleSessions } from './session-counts';

/** An enrolment missing at least this share of its own possible sessions is persistently absent. */
export const PERSISTENT_ABSENCE_THRESHOLD_PERCENT = 10;
/** An enrolment missing at least this share of its own possible sessions is severely absent. */
export const SEVERE_ABSENCE_THRESHOLD_PERCENT = 50;

/**
 * Compares absence / possible with a percentage threshold in whole numbers, so that exactly 10 %
 * is never lost to floating point (1 / 10 × 100 is not exactly 10 in binary).
 */
function absenceReaches(counts: SessionCounts, thresholdPercent: number): boolean {
  const possible = possibleSessions(counts);
  return possible > 0 && overallAbsenceSessions(counts) * 100 >= thresholdPercent * possible;
}

/** ≥ 10 % of the enrolment's own possible sessions in the period (YTD or a term, never a day or week). */
export function isPersistentlyAbsent(enrolment: SessionCounts): boolean {
  return absenceReaches(enrolment, PERSISTENT_ABSENCE_THRESHOLD_PERCENT);
}

/** ≥ 50 % of the enrolment's own possible sessions in the period. */
export function isSeverelyAbsent(enrolment: SessionCounts): boolean {
  return absenceReaches(enrolment, SEVERE_ABSENCE_THRESHOLD_PERCENT);
}

export interface PersistentAbsenceSummary {
  /** Enrolments with at least one possible session in the period: the denominator. */
  enrolments: number;
  persistentlyAbsentEnrolments: number;
  severelyAbsentEnrolments: number;
  /** Flagged enrolments / enrolments × 100, unrounded; null when there are no enrolments. */
  persistentAbsenceRate: number | null;
  severeAbsenceRate: number | null;
}

/**
 * PA and SA over a period, from each enrolment's own session counts for that period. Counts are of
 * enrolments, not pupils: a dual-registered pupil appears once per school. An enrolment with no
 * possible sessions in the period (all D or Y codes, say) cannot be absent from anything and is
 * left out of the denominator.
 */
export function persistentAbsenceSummary(
  enrolments: Iterable<SessionCounts>,
): PersistentAbsenceSummary {
  let counted = 0;
  let persistentlyAbsent = 0;
  let severelyAbsent = 0;
  for (const enrolment of enrolments) {
    if (possibleSessions(enrolment) === 0) continue;
    counted += 1;
    if (isPersistentlyAbsent(enrolment)) persistentlyAbsent += 1;
    if (isSeverelyAbsent(enrolment)) severelyAbsent += 1;
  }
  return {
    enrolments: counted,
    persistentlyAbsentEnrolments: persistentlyAbsent,
    severelyAbsentEnrolments: severelyAbsent,
    persistentAbsenceRate: percentageOf(persistentlyAbsent, counted),
    severeAbsenceRate: percentageOf(severelyAbsent, counted),
  };
}
