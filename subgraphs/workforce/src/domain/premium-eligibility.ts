import type { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { badUserInput } from '@estate/subgraph-kit/src/errors';
import type { SchoolAwards } from './award-list';
import { currentEmployment, isIneligibleSupplyContract } from './employment';
import { isSubjectToFormalActionOn } from './formal-action';
import type { Urn } from './identifiers';
import {
  isIttYearInWindow,
  isLastPremiumYear,
  isPremiumOpenIn,
  type PremiumPolicyYears,
} from './premium-policy';
import { ittAcademicYear, isTraineeOn, type Qualification } from './qualification';
import { ELIGIBLE_SUBJECTS, isEligibleSubject, type EligibleSubject } from './subjects';
import type { Teacher } from './teacher';

/**
 * Why a teacher cannot claim, in the order CAPT checks them
 * (`policy_eligibility_checker.rb#ineligibility_reason`); the first that applies wins.
 * `not_employed_at_school` is ours: CAPT's journey cannot go on without a school, but dated
 * employment records can lack a current spell, and it sits where CAPT looks at the school.
 */
export const PREMIUM_INELIGIBILITY_REASONS = [
  'policy_closed',
  'not_employed_at_school',
  'school_ineligible',
  'supply_teacher_contract_ineligible',
  'poor_performance',
  'ineligible_cohort',
  'insufficient_teaching',
  'subject_and_degree_ineligible',
  'trainee_in_last_policy_year',
] as const;
export type PremiumIneligibilityReason = (typeof PREMIUM_INELIGIBILITY_REASONS)[number];

/** CAPT: at least half of contracted teaching hours on eligible subjects (`teaching_subject_now`). */
export const MINIMUM_ELIGIBLE_TEACHING_PERCENT = 50;

export interface PremiumEligibility {
  /** True only when the teacher can claim now. */
  eligible: boolean;
  /** The first failing rule; null when eligible, and for a trainee who is eligible later. */
  reason: PremiumIneligibilityReason | null;
  /** The school's award for the claim year; null unless eligible. */
  awardAmountPounds: number | null;
  /** A trainee who passes every rule: not payable this year, eligible after qualifying. */
  eligibleLater: boolean;
  /** The subject that qualifies the teacher (ITT subject, else a degree subject); null if none. */
  subject: EligibleSubject | null;
  /** The school assessed: the current employment on the assessment date. */
  urn: Urn | null;
}

export interface PremiumEligibilityContext {
  policyYears: PremiumPolicyYears;
  awards: SchoolAwards;
  /**
   * The date the claim is assessed on, within the claim year. Employment and formal action are
   * judged as at this date; see `assessmentDateFor` for the usual choice.
   */
  asOf: IsoDate;
  /** The school the teacher claims for; without it, the teacher's current school (see `currentEmployment`). */
  urn?: Urn;
}

/**
 * The date to assess a claim year on when no claim date is given: today while the year is
 * running, its last day once it is over, its first day before it starts.
 */
export function assessmentDateFor(claimYear: AcademicYear, today: IsoDate): IsoDate {
  if (today < claimYear.firstDay) return claimYear.firstDay;
  if (today > claimYear.lastDay) return claimYear.lastDay;
  return today;
}

/** ITT subject first, then a degree subject, in a fixed order so the result never depends on input order. */
export function qualifyingSubject(qualification: Qualification): EligibleSubject | null {
  if (isEligibleSubject(qualification.ittSubject)) return qualification.ittSubject;
  return (
    ELIGIBLE_SUBJECTS.find((subject) => qualification.degreeSubjects.includes(subject)) ?? null
  );
}

export function premiumEligibility(
  teacher: Teacher,
  claimYear: AcademicYear,
  context: PremiumEligibilityContext,
): PremiumEligibility {
  const { asOf, policyYears, awards } = context;
  if (!claimYear.contains(asOf)) {
    throw badUserInput(`assessment date ${asOf} is outside claim year ${claimYear.label}`);
  }
  const spell = currentEmployment(teacher.employment, asOf, context.urn);
  const urn = spell?.urn ?? null;
  const subject = qualifyingSubject(teacher.qualification);
  const ineligible = (reason: PremiumIneligibilityReason): PremiumEligibility => ({
    eligible: false,
    reason,
    awardAmountPounds: null,
    eligibleLater: false,
    subject,
    urn,
  });

  if (!isPremiumOpenIn(policyYears, claimYear)) return ineligible('policy_closed');
  if (!spell) return ineligible('not_employed_at_school');
  const awardAmountPounds = awards.awardPoundsFor(spell.urn, claimYear);
  if (!awardAmountPounds) return ineligible('school_ineligible');
  if (isIneligibleSupplyContract(spell)) return ineligible('supply_teacher_contract_ineligible');
  if (isSubjectToFormalActionOn(teacher.formalActions, asOf)) return ineligible('poor_performance');

  // CAPT does not ask trainees for an ITT year or their current teaching, so those two rules
  // cannot fail for them (`ineligible_cohort? && !trainee_teacher?`, likewise insufficient teaching).
  const trainee = isTraineeOn(teacher.qualification, asOf);
  if (!trainee) {
    const ittYear = ittAcademicYear(teacher.qualification);
    if (!ittYear || !isIttYearInWindow(ittYear, claimYear)) return ineligible('ineligible_cohort');
    if (teacher.eligibleSubjectTeachingPercent < MINIMUM_ELIGIBLE_TEACHING_PERCENT) {
      return ineligible('insufficient_teaching');
    }
  }
  if (subject === null) return ineligible('subject_and_degree_ineligible');
  if (trainee) {
    if (isLastPremiumYear(policyYears, claimYear)) return ineligible('trainee_in_last_policy_year');
    return {
      eligible: false,
      reason: null,
      awardAmountPounds: null,
      eligibleLater: true,
      subject,
      urn,
    };
  }
  return { eligible: true, reason: null, awardAmountPounds, eligibleLater: false, subject, urn };
}
