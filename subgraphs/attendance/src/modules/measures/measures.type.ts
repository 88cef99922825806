import { DateScalar, SafeIntScalar } from '@estate/subgraph-kit';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum AttendanceGranularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  TERM = 'TERM',
  YEAR_TO_DATE = 'YEAR_TO_DATE',
}
registerEnumType(AttendanceGranularity, {
  name: 'AttendanceGranularity',
  description:
    'DAY and WEEK points carry no persistent or severe absence, which DfE publishes only over terms and the year to date. TERM points are census terms; YEAR_TO_DATE points are cumulative to the end of each week.',
});

export enum SenStatus {
  NONE = 'NONE',
  SEN_SUPPORT = 'SEN_SUPPORT',
  EHC_PLAN = 'EHC_PLAN',
}
registerEnumType(SenStatus, { name: 'SenStatus', description: 'Census SEN provision: N, K, E' });

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}
registerEnumType(Sex, { name: 'Sex' });

@InputType({
  description:
    'One pupil group (at most one field set). Session counts use the group a pupil was in on each day; persistent absence uses the enrolment as it is now.',
})
export class AttendanceGroupInput {
  @Field(() => Boolean, { nullable: true })
  freeSchoolMeals?: boolean | null;

  @Field(() => SenStatus, { nullable: true })
  senStatus?: SenStatus | null;

  @Field(() => Int, { nullable: true, description: 'National curriculum year group' })
  yearGroup?: number | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;

  @Field(() => Boolean, { nullable: true })
  englishAsAdditionalLanguage?: boolean | null;
}

@ObjectType({ description: 'Sessions recorded with one register code' })
export class ReasonSessions {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  meaning!: string;

  @Field(() => String, {
    description:
      'present, approvedEducationalActivity, authorisedAbsence, unauthorisedAbsence or notCounted',
  })
  statisticalClass!: string;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: 'Null when withheld (see suppression)',
  })
  sessions!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Sessions / possible sessions × 100, unrounded; null for codes not counted',
  })
  rate!: number | null;

  @Field(() => String, { nullable: true, description: '"c" when withheld to protect pupils' })
  suppression!: string | null;
}

@ObjectType({
  description:
    'Attendance and absence exactly as DfE computes them: sessions summed over days, schools and pupils, then divided (ratio of sums). Headline scope only: pupils of compulsory school age (5 to 15 at the start of the year), without the second half of the summer term for 15-year-olds. Rates are 0 to 100 and unrounded. For viewers who may not see the pupils behind them, counts of 1 to 4 and figures built from one school (above school level) are withheld as null, with secondary suppression, and named in suppressedFields.',
})
export class AttendanceSummary {
  @Field(() => String, { description: 'The period, e.g. "2025-09-01 to 2025-10-17"' })
  period!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Int, { nullable: true, description: 'Schools with at least one possible session' })
  schools!: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  possibleSessions!: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: '/ + \\ + L' })
  presentSessions!: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: 'B + J + P + V + W + K' })
  approvedEducationalActivitySessions!: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: 'present + approved educational activity',
  })
  overallAttendanceSessions!: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  authorisedAbsenceSessions!: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: 'G + U + O + N' })
  unauthorisedAbsenceSessions!: number | null;

  @Field(() => SafeIntScalar, { nullable: true })
  overallAbsenceSessions!: number | null;

  @Field(() => SafeIntScalar, { nullable: true, description: 'L + U' })
  lateSessions!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'D, X, Q, Y1–Y7, Z and #: recorded but outside possible sessions',
  })
  notCountedSessions!: number | null;

  @Field(() => Float, { nullable: true, description: 'Overall attendance / possible × 100' })
  attendanceRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Present (/ \\ L) / possible × 100' })
  presentRate!: number | null;

  @Field(() => Float, { nullable: true })
  approvedEducationalActivityRate!: number | null;

  @Field(() => Float, { nullable: true })
  overallAbsenceRate!: number | null;

  @Field(() => Float, { nullable: true })
  authorisedAbsenceRate!: number | null;

  @Field(() => Float, { nullable: true })
  unauthorisedAbsenceRate!: number | null;

  @Field(() => Float, { nullable: true })
  lateRate!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Enrolments with at least one possible session; null for DAY and WEEK points',
  })
  enrolments!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Enrolments absent for at least 10 % of their own possible sessions',
  })
  persistentlyAbsentEnrolments!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Enrolments absent for at least 50 % of their own possible sessions',
  })
  severelyAbsentEnrolments!: number | null;

  @Field(() => Float, { nullable: true })
  persistentAbsenceRate!: number | null;

  @Field(() => Float, { nullable: true })
  severeAbsenceRate!: number | null;

  @Field(() => [ReasonSessions], { description: 'Sessions per register code recorded' })
  reasons!: ReasonSessions[];

  @Field(() => [String], { description: 'Fields withheld for disclosure control' })
  suppressedFields!: string[];

  @Field(() => String, {
    nullable: true,
    description: '"c" (as EES marks confidential cells) when any figure is withheld',
  })
  suppression!: string | null;
}
