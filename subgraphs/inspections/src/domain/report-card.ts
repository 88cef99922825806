import type { IsoDate } from '@estate/subgraph-kit/src/dates';

/** Report cards replaced graded inspections of state-funded schools on this day. */
export const REPORT_CARDS_START_DATE: IsoDate = '2025-11-10';

/**
 * The report-card five-point scale, best first. It is not the 1–4 scale and is never converted to
 * it: Ofsted says the two are not comparable (domain.md §4.2).
 */
export const REPORT_CARD_GRADES = [
  'exceptional',
  'strongStandard',
  'expectedStandard',
  'needsAttention',
  'urgentImprovement',
] as const;
export type ReportCardGrade = (typeof REPORT_CARD_GRADES)[number];

/** Evaluation areas as AAPI `ReportCardFullInspection` names them. */
export const REPORT_CARD_AREAS = [
  'curriculumAndTeaching',
  'attendanceAndBehaviour',
  'personalDevelopmentAndWellbeing',
  'leadershipAndGovernance',
  'inclusion',
  'achievement',
  'earlyYearsProvision',
  'post16Provision',
] as const;
export type ReportCardArea = (typeof REPORT_CARD_AREAS)[number];

/** Safeguarding on a report card is a pass/fail standard, not a grade. */
export type ReportCardSafeguarding = 'met' | 'notMet';

const GRADE_LABELS: Record<ReportCardGrade, string> = {
  exceptional: 'Exceptional',
  strongStandard: 'Strong standard',
  expectedStandard: 'Expected standard',
  needsAttention: 'Needs attention',
  urgentImprovement: 'Urgent improvement',
};

export function reportCardGradeLabel(grade: ReportCardGrade): string {
  return GRADE_LABELS[grade];
}

/** True for "needs attention" and "urgent improvement": the two grades below the expected standard. */
export function isBelowExpectedStandard(grade: ReportCardGrade): boolean {
  return REPORT_CARD_GRADES.indexOf(grade) > REPORT_CARD_GRADES.indexOf('expectedStandard');
}

/** Reads Ofsted's wording ("Strong standard", "needs attention", …) into a grade, or null. */
export function parseReportCardGrade(text: string): ReportCardGrade | null {
  const wanted = text.trim().toLowerCase();
  const match = REPORT_CARD_GRADES.find((grade) => GRADE_LABELS[grade].toLowerCase() === wanted);
  return match ?? null;
}
