import { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { percentageOf } from './attendance-measures';
import { PERSISTENT_ABSENCE_THRESHOLD_PERCENT, isPersistentlyAbsent } from './persistent-absence';
import { type SchoolWeekWindow, isWithinWindow, schoolWeeksUpTo } from './school-weeks';
import {
  type RegisterMark,
  countMarks,
  overallAbsenceSessions,
  possibleSessions,
} from './session-counts';

/** Schools must meet for at least 380 sessions a year (EES-abs §1.1). */
export const STATUTORY_MINIMUM_SESSIONS_PER_YEAR = 380;

/** Sessions still to come if the school meets exactly the statutory minimum. */
export function remainingSessionsToStatutoryMinimum(sessionsMetSoFar: number): number {
  return Math.max(0, STATUTORY_MINIMUM_SESSIONS_PER_YEAR - sessionsMetSoFar);
}

export interface RecentAbsenceProjection {
  window: SchoolWeekWindow;
  possibleSessions: number;
  overallAbsenceSessions: number;
  /** Unrounded 0–100; null when the window holds no possible sessions. */
  overallAbsenceRate: number | null;
  /** The year-to-date absence rate at year end if this window's rate holds for the rest of it. */
  projectedYearEndAbsenceRate: number | null;
  onCourseForPersistentAbsence: boolean;
}

export type AbsenceRisk = 'alreadyPersistentlyAbsent' | 'onCourse' | 'watch' | 'notAtRisk';

export interface AbsenceRiskAssessment {
  /**
   * `onCourse` when the projections from both the last 4 and the last 8 school weeks reach 10 %,
   * so a single bad week is not enough; `watch` when only one of them does.
   */
  risk: AbsenceRisk;
  yearToDate: {
    possibleSessions: number;
    overallAbsenceSessions: number;
    overallAbsenceRate: number | null;
  };
  lastFourSchoolWeeks: RecentAbsenceProjection;
  lastEightSchoolWeeks: RecentAbsenceProjection;
  remainingPossibleSessions: number;
}

export interface AbsenceRiskInput {
  /** The pupil's marks at the school, already restricted to the headline scope if wanted. */
  pupilMarks: readonly RegisterMark[];
  /** Dates on which the school recorded any session: they define the school weeks. */
  schoolSessionDates: Iterable<IsoDate>;
  asOf: IsoDate;
  /** Possible sessions still to come this year, e.g. from the school's term dates. */
  remainingPossibleSessions: number;
}

function project(
  marks: readonly RegisterMark[],
  window: SchoolWeekWindow,
  yearToDatePossible: number,
  yearToDateAbsence: number,
  remaining: number,
): RecentAbsenceProjection {
  const counts = countMarks(marks.filter((mark) => isWithinWindow(mark.date, window)));
  const recentPossible = possibleSessions(counts);
  const recentAbsence = overallAbsenceSessions(counts);
  if (recentPossible === 0) {
    return {
      window,
      possibleSessions: 0,
      overallAbsenceSessions: 0,
      overallAbsenceRate: null,
      projectedYearEndAbsenceRate: null,
      onCourseForPersistentAbsence: false,
    };
  }
  // projected = (ytdAbsence + recentRate × remaining) / (ytdPossible + remaining); the comparison
  // with 10 % is made in whole numbers so that exactly 10 % is not lost to rounding.
  const projectedAbsenceTimesRecentPossible =
    yearToDateAbsence * recentPossible + recentAbsence * remaining;
  const projectedPossibleTimesRecentPossible = (yearToDatePossible + remaining) * recentPossible;
  return {
    window,
    possibleSessions: recentPossible,
    overallAbsenceSessions: recentAbsence,
    overallAbsenceRate: percentageOf(recentAbsence, recentPossible),
    projectedYearEndAbsenceRate: percentageOf(
      projectedAbsenceTimesRecentPossible,
      projectedPossibleTimesRecentPossible,
    ),
    onCourseForPersistentAbsence:
      projectedAbsenceTimesRecentPossible * 100 >=
      PERSISTENT_ABSENCE_THRESHOLD_PERCENT * projectedPossibleTimesRecentPossible,
  };
}

/**
 * Early warning for one pupil: not yet persistently absent for the year to date, but on course to
 * be by year end if their recent absence rate continues over the sessions that remain.
 */
export function assessAbsenceRisk(input: AbsenceRiskInput): AbsenceRiskAssessment {
  const { asOf, remainingPossibleSessions } = input;
  const yearStart = AcademicYear.containing(asOf).firstDay;
  const marks = input.pupilMarks.filter((mark) => mark.date >= yearStart && mark.date <= asOf);
  const yearToDateCounts = countMarks(marks);
  const yearToDatePossible = possibleSessions(yearToDateCounts);
  const yearToDateAbsence = overallAbsenceSessions(yearToDateCounts);
  const sessionDates = [...input.schoolSessionDates, ...marks.map((mark) => mark.date)].filter(
    (date) => date >= yearStart,
  );
  const recent = (weeks: number) =>
    project(
      marks,
      schoolWeeksUpTo(sessionDates, asOf, weeks),
      yearToDatePossible,
      yearToDateAbsence,
      remainingPossibleSessions,
    );
  const lastFourSchoolWeeks = recent(4);
  const lastEightSchoolWeeks = recent(8);
  const flags = [lastFourSchoolWeeks, lastEightSchoolWeeks].filter(
    (projection) => projection.onCourseForPersistentAbsence,
  ).length;
  const risk: AbsenceRisk = isPersistentlyAbsent(yearToDateCounts)
    ? 'alreadyPersistentlyAbsent'
    : flags === 2
      ? 'onCourse'
      : flags === 1
        ? 'watch'
        : 'notAtRisk';
  return {
    risk,
    yearToDate: {
      possibleSessions: yearToDatePossible,
      overallAbsenceSessions: yearToDateAbsence,
      overallAbsenceRate: percentageOf(yearToDateAbsence, yearToDatePossible),
    },
    lastFourSchoolWeeks,
    lastEightSchoolWeeks,
    remainingPossibleSessions,
  };
}
