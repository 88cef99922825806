import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { isUnauthorisedAbsence } from './register-codes';
import type { RegisterMark } from './session-counts';
import { type SchoolWeekWindow, isWithinWindow, schoolWeeksUpTo } from './school-weeks';

/** 10 sessions of unauthorised absence (G, N, O, U in any mix) trigger consideration of a notice. */
export const PENALTY_NOTICE_THRESHOLD_SESSIONS = 10;
/** …within a rolling window of this many school weeks. */
export const PENALTY_NOTICE_WINDOW_SCHOOL_WEEKS = 10;

export interface PenaltyNoticeThresholdCheck {
  /** True when a penalty notice must be considered: it obliges no one to issue one. */
  thresholdMet: boolean;
  unauthorisedSessions: number;
  /** The marks that count, oldest first, so that a case file can show them. */
  countingSessions: RegisterMark[];
  window: SchoolWeekWindow;
}

function sessionOrder(a: RegisterMark, b: RegisterMark): number {
  return a.date === b.date ? a.session.localeCompare(b.session) : a.date < b.date ? -1 : 1;
}

/**
 * The national framework's threshold (domain.md §2.7) for one pupil at one school on `asOf`.
 * `schoolSessionDates` are the dates on which the school recorded any session; the pupil's own
 * marks are added to them, since a mark is itself a session recorded for the school.
 */
export function checkPenaltyNoticeThreshold(
  pupilMarks: readonly RegisterMark[],
  schoolSessionDates: Iterable<IsoDate>,
  asOf: IsoDate,
): PenaltyNoticeThresholdCheck {
  const window = schoolWeeksUpTo(
    [...schoolSessionDates, ...pupilMarks.map((mark) => mark.date)],
    asOf,
    PENALTY_NOTICE_WINDOW_SCHOOL_WEEKS,
  );
  const countingSessions = pupilMarks
    .filter((mark) => isUnauthorisedAbsence(mark.code) && isWithinWindow(mark.date, window))
    .sort(sessionOrder);
  return {
    thresholdMet: countingSessions.length >= PENALTY_NOTICE_THRESHOLD_SESSIONS,
    unauthorisedSessions: countingSessions.length,
    countingSessions,
    window,
  };
}
