import { AcademicYear, DateScalar } from '@estate/subgraph-kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { PremiumIneligibilityReason as Reason } from '../../domain/premium-eligibility';
import type { EligibleSubject } from '../../domain/subjects';
import { PremiumSubjectCode } from '../teacher/teacher.codes';

/** CAPT's reasons in CAPT's order (domain.md §5.2); the first failing one is reported. */
export enum PremiumIneligibilityReason {
  POLICY_CLOSED = 'policy_closed',
  NOT_EMPLOYED_AT_SCHOOL = 'not_employed_at_school',
  SCHOOL_INELIGIBLE = 'school_ineligible',
  SUPPLY_TEACHER_CONTRACT_INELIGIBLE = 'supply_teacher_contract_ineligible',
  POOR_PERFORMANCE = 'poor_performance',
  INELIGIBLE_COHORT = 'ineligible_cohort',
  INSUFFICIENT_TEACHING = 'insufficient_teaching',
  SUBJECT_AND_DEGREE_INELIGIBLE = 'subject_and_degree_ineligible',
  TRAINEE_IN_LAST_POLICY_YEAR = 'trainee_in_last_policy_year',
}
registerEnumType(PremiumIneligibilityReason, {
  name: 'PremiumIneligibilityReason',
  description: "Why a teacher cannot claim, in the order DfE's claim service checks",
});

@ObjectType({
  description: "A teacher's standing for one claim year, decided as DfE's claim service does",
})
export class PremiumEligibility {
  @Field(() => AcademicYear)
  academicYear!: AcademicYear;

  @Field(() => DateScalar, {
    description: 'Employment and formal action are judged on this date: today while the year runs',
  })
  assessedOn!: string;

  @Field(() => Boolean, { description: 'True only when the teacher can claim now' })
  eligible!: boolean;

  @Field(() => PremiumIneligibilityReason, {
    nullable: true,
    description: 'The first failing rule; null when eligible or eligible later',
  })
  reason!: Reason | null;

  @Field(() => Int, { nullable: true, description: "The school's award; null unless eligible" })
  awardAmountPounds!: number | null;

  @Field(() => Boolean, {
    description: 'A trainee who passes every rule: can claim once qualified',
  })
  eligibleLater!: boolean;

  @Field(() => PremiumSubjectCode, { nullable: true })
  subject!: EligibleSubject | null;

  @Field(() => Int, { nullable: true, description: 'The school assessed' })
  urn!: number | null;
}

@ObjectType({ description: 'A teacher at a school who can claim the premium for the year' })
export class PremiumEligibleTeacher {
  @Field(() => String)
  trn!: string;

  @Field(() => String)
  name!: string;

  @Field(() => PremiumSubjectCode)
  subject!: EligibleSubject;

  @Field(() => Int)
  awardAmountPounds!: number;
}

@ObjectType({
  description:
    'Premium totals over a group of schools. Outside DfE and the body itself, counts of 1 to 4 and figures from a single school are withheld (null, marker "c").',
})
export class PremiumTotals {
  @Field(() => AcademicYear)
  academicYear!: AcademicYear;

  @Field(() => DateScalar, { description: 'Staff and membership are taken on this date' })
  assessedOn!: string;

  @Field(() => Int, { nullable: true, description: 'Distinct teachers who can claim now' })
  eligibleTeachers!: number | null;

  @Field(() => Int, { nullable: true, description: 'Sum of their awards, one per teacher' })
  totalAwardPounds!: number | null;

  @Field(() => Int, { description: 'Schools with at least one eligible teacher' })
  schoolsWithEligibleTeachers!: number;

  @Field(() => String, { nullable: true, description: '"c" when the figures are withheld' })
  marker!: string | null;
}
