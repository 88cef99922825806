import { type IsoDate, addDays } from '@estate/subgraph-kit/src/dates';
import { type AttendanceMeasures, attendanceMeasures } from './attendance-measures';
import { type DateRange, addYears } from './calendar';
import {
  type RegisterMark,
  type SessionCounts,
  countMarks,
  sumSessionCounts,
} from './session-counts';

/** The 1-2-1 attendance mentoring pilot launched on this day (domain.md §2.6). */
export const MENTORING_PILOT_LAUNCHED_ON: IsoDate = '2022-10-20';

export interface MentoringCase {
  enrolledOn: IsoDate;
  /** The day mentoring ended; open cases run up to `asOf`. */
  endedOn: IsoDate | null;
}

export interface MentoringPeriodAttendance {
  period: DateRange;
  counts: SessionCounts;
  measures: AttendanceMeasures;
}

export interface MentoringCaseAttendance {
  before: MentoringPeriodAttendance;
  after: MentoringPeriodAttendance;
  /** after − before attendance rate in percentage points; null when either side has no sessions. */
  attendanceRateChangePoints: number | null;
}

/** The 12 months up to the day before enrolment: a full year of sessions whenever the case began. */
export function defaultPeriodBeforeMentoring(mentoringCase: MentoringCase): DateRange {
  return {
    from: addYears(mentoringCase.enrolledOn, -1),
    to: addDays(mentoringCase.enrolledOn, -1),
  };
}

/** From enrolment to the end of the case, or to `asOf` while it is open. */
export function periodOfMentoring(mentoringCase: MentoringCase, asOf: IsoDate): DateRange {
  const { enrolledOn, endedOn } = mentoringCase;
  return { from: enrolledOn, to: endedOn !== null && endedOn < asOf ? endedOn : asOf };
}

function changeInAttendanceRate(before: AttendanceMeasures, after: AttendanceMeasures) {
  return before.attendanceRate === null || after.attendanceRate === null
    ? null
    : after.attendanceRate - before.attendanceRate;
}

/**
 * Before and after attendance for one case, each a ratio of the sessions summed over its period
 * (`before` defaults to `defaultPeriodBeforeMentoring`).
 */
export function mentoringCaseAttendance(
  mentoringCase: MentoringCase,
  pupilMarks: readonly RegisterMark[],
  asOf: IsoDate,
  before: DateRange = defaultPeriodBeforeMentoring(mentoringCase),
): MentoringCaseAttendance {
  const measure = (period: DateRange): MentoringPeriodAttendance => {
    const counts = countMarks(
      pupilMarks.filter((mark) => mark.date >= period.from && mark.date <= period.to),
    );
    return { period, counts, measures: attendanceMeasures(counts) };
  };
  const beforeAttendance = measure(before);
  const afterAttendance = measure(periodOfMentoring(mentoringCase, asOf));
  return {
    before: beforeAttendance,
    after: afterAttendance,
    attendanceRateChangePoints: changeInAttendanceRate(
      beforeAttendance.measures,
      afterAttendance.measures,
    ),
  };
}

export interface MentoringPilotSummary {
  cases: number;
  before: AttendanceMeasures;
  after: AttendanceMeasures;
  attendanceRateChangePoints: number | null;
}

/**
 * A pilot summary (per LA, say): sessions are summed over all cases before dividing, so a case
 * with many sessions weighs more than one with few, exactly as DfE's ratio of sums does.
 */
export function summariseMentoringCases(
  cases: readonly MentoringCaseAttendance[],
): MentoringPilotSummary {
  const before = attendanceMeasures(sumSessionCounts(cases.map((c) => c.before.counts)));
  const after = attendanceMeasures(sumSessionCounts(cases.map((c) => c.after.counts)));
  return {
    cases: cases.length,
    before,
    after,
    attendanceRateChangePoints: changeInAttendanceRate(before, after),
  };
}
