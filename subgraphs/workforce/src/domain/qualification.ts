import { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import type { SubjectCode } from './subjects';

export const QUALIFICATION_ROUTES = [
  'postgraduate_itt',
  'undergraduate_itt',
  'assessment_only',
  'overseas_recognition',
] as const;
export type QualificationRoute = (typeof QUALIFICATION_ROUTES)[number];

/**
 * How the teacher qualified. Each route fixes the ITT academic year from a different date, so
 * all three dates are kept and `ittAcademicYear` picks the one the route uses.
 */
export interface Qualification {
  route: QualificationRoute;
  /** Fixes the ITT year for postgraduates. */
  ittStartDate?: IsoDate;
  /** Fixes the ITT year for undergraduates. */
  ittCompletionDate?: IsoDate;
  /** Fixes the ITT year for assessment only and overseas recognition; absent while training. */
  qtsAwardedOn?: IsoDate;
  ittSubject: SubjectCode;
  /** Only consulted when the ITT subject is not eligible, as CAPT only asks then. */
  degreeSubjects: SubjectCode[];
}

/** The date in the qualification record that fixes the ITT year for its route. */
export function ittYearDate(qualification: Qualification): IsoDate | undefined {
  switch (qualification.route) {
    case 'postgraduate_itt':
      return qualification.ittStartDate;
    case 'undergraduate_itt':
      return qualification.ittCompletionDate;
    case 'assessment_only':
    case 'overseas_recognition':
      return qualification.qtsAwardedOn;
  }
}

/**
 * DQT matching treats a postgraduate ITT start from 18 to 31 August as 1 September, because
 * courses that begin in late August are the next academic year's cohort (CAPT
 * `lib/dqt/matchers/general.rb#academic_date`).
 */
export function postgraduateIttYear(ittStartDate: IsoDate): AcademicYear {
  const startsInLateAugust =
    ittStartDate.slice(5, 7) === '08' && Number(ittStartDate.slice(8)) >= 18;
  return startsInLateAugust
    ? AcademicYear.of(Number(ittStartDate.slice(0, 4)))
    : AcademicYear.containing(ittStartDate);
}

/** Undefined when the route's date is not known yet (a trainee who has not completed or qualified). */
export function ittAcademicYear(qualification: Qualification): AcademicYear | undefined {
  const date = ittYearDate(qualification);
  if (date === undefined) return undefined;
  return qualification.route === 'postgraduate_itt'
    ? postgraduateIttYear(date)
    : AcademicYear.containing(date);
}

/**
 * CAPT's "trainee" is a teacher not yet in their first year after ITT; with dated records that is
 * a teacher without QTS on the assessment date.
 */
export function isTraineeOn(qualification: Qualification, date: IsoDate): boolean {
  return qualification.qtsAwardedOn === undefined || qualification.qtsAwardedOn > date;
}
