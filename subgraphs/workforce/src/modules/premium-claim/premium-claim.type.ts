import { AcademicYear, DateScalar } from '@estate/subgraph-kit';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ClaimRefusalReason } from '../../domain/premium-claim';
import type { EligibleSubject } from '../../domain/subjects';
import { PremiumEligibility } from '../premium-eligibility/premium-eligibility.type';
import { PremiumSubjectCode } from '../teacher/teacher.codes';

export enum PremiumClaimRefusalReason {
  ALREADY_CLAIMED = 'already_claimed',
  ELIGIBLE_LATER = 'eligible_later',
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
registerEnumType(PremiumClaimRefusalReason, {
  name: 'PremiumClaimRefusalReason',
  description:
    'Why a claim was refused: one claim a year, a trainee not yet payable, or ineligibility',
});

@ObjectType({ description: 'Money added to a claim after its school’s award was raised' })
export class PremiumTopUp {
  @Field(() => Int)
  amountPounds!: number;

  @Field(() => DateScalar)
  createdOn!: string;
}

@ObjectType({ description: 'A claim for one year. The award is fixed when the claim is made.' })
export class PremiumClaim {
  @Field(() => String)
  trn!: string;

  @Field(() => AcademicYear)
  academicYear!: AcademicYear;

  @Field(() => Int)
  urn!: number;

  @Field(() => PremiumSubjectCode)
  subject!: EligibleSubject;

  @Field(() => Int, { description: 'The award captured when the claim was made' })
  awardAmountPounds!: number;

  @Field(() => DateScalar)
  claimedOn!: string;

  @Field(() => [PremiumTopUp], { description: 'Uplifts since the claim, oldest first' })
  topUps!: PremiumTopUp[];

  @Field(() => Int, { description: 'Award plus top-ups' })
  totalAmountPounds!: number;
}

@ObjectType()
export class SubmitPremiumClaimPayload {
  @Field(() => PremiumClaim, { nullable: true, description: 'The claim made; null when refused' })
  claim!: PremiumClaim | null;

  @Field(() => PremiumClaimRefusalReason, { nullable: true })
  refusalReason!: ClaimRefusalReason | null;

  @Field(() => PremiumEligibility, {
    nullable: true,
    description: 'The assessment behind the decision; null when already claimed',
  })
  eligibility!: PremiumEligibility | null;
}
