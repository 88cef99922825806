import type { IsoDate } from '@estate/subgraph-kit/src/dates';

/** Ofsted's four-point scale: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate. */
export type Grade = 1 | 2 | 3 | 4;

/**
 * An EIF sub-judgement as Ofsted's management information records it. Besides the four grades,
 * Ofsted publishes 0, 8 and 9 as real values; they are kept apart from "not inspected" (null),
 * because "no sixth form" and "not judged this time" mean different things to a reader.
 */
export type SubJudgement = Grade | 'insufficientEvidence' | 'doesNotApply' | 'notJudged';

/** Ofsted's raw codes for the values that are not grades (domain.md §4.1). */
export const NON_GRADE_CODES = {
  0: 'insufficientEvidence',
  8: 'doesNotApply',
  9: 'notJudged',
} as const satisfies Record<number, Exclude<SubJudgement, Grade>>;

/**
 * Ofsted stopped giving state-funded schools a single headline grade on this day. DfE code treats a
 * headline grade dated on or after it as a data error (FIAT
 * `OfstedRepository.SingleHeadlineGradesPolicyChangeDate`).
 */
export const SINGLE_HEADLINE_GRADES_END_DATE: IsoDate = '2024-09-02';

/** Grade 3 was called "Satisfactory" until the September 2012 framework renamed it. */
export const REQUIRES_IMPROVEMENT_NAME_FROM: IsoDate = '2012-09-01';

export function isGrade(value: unknown): value is Grade {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

export function isBelowGood(grade: Grade): boolean {
  return grade >= 3;
}

export function headlineGradeAllowedOn(inspectionDate: IsoDate): boolean {
  return inspectionDate < SINGLE_HEADLINE_GRADES_END_DATE;
}

/** The words Ofsted used for a grade on the date of the inspection. */
export function gradeLabel(grade: Grade, inspectionDate: IsoDate): string {
  switch (grade) {
    case 1:
      return 'Outstanding';
    case 2:
      return 'Good';
    case 3:
      return inspectionDate < REQUIRES_IMPROVEMENT_NAME_FROM
        ? 'Satisfactory'
        : 'Requires improvement';
    case 4:
      return 'Inadequate';
  }
}

export function subJudgementLabel(judgement: SubJudgement, inspectionDate: IsoDate): string {
  switch (judgement) {
    case 'insufficientEvidence':
      return 'Insufficient evidence';
    case 'doesNotApply':
      return 'Does not apply';
    case 'notJudged':
      return 'Not judged';
    default:
      return gradeLabel(judgement, inspectionDate);
  }
}
