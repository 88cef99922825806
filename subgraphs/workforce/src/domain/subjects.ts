/**
 * The subjects that make a teacher eligible for the premium (CAPT `fixed_subject_symbols`).
 * Foreign languages count for early-career payments only, so for this policy they are 'other'.
 */
export const ELIGIBLE_SUBJECTS = ['chemistry', 'computing', 'mathematics', 'physics'] as const;
export type EligibleSubject = (typeof ELIGIBLE_SUBJECTS)[number];

/** An ITT or degree subject as the premium sees it: one of the four, or anything else. */
export type SubjectCode = EligibleSubject | 'other';
export const SUBJECT_CODES: readonly SubjectCode[] = [...ELIGIBLE_SUBJECTS, 'other'];

export function isEligibleSubject(subject: string): subject is EligibleSubject {
  return (ELIGIBLE_SUBJECTS as readonly string[]).includes(subject);
}

export function isSubjectCode(subject: string): subject is SubjectCode {
  return (SUBJECT_CODES as readonly string[]).includes(subject);
}
