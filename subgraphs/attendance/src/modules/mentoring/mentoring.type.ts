import { connectionOf, DateScalar } from '@estate/subgraph-kit';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AttendanceSummary } from '../measures/measures.type';

@ObjectType({
  description:
    'The year-to-date figures up to the day before enrolment that made the pupil eligible: headline scope, as persistent absence is measured',
})
export class MentoringEligibility {
  @Field(() => Int)
  possibleSessions!: number;

  @Field(() => Int)
  overallAbsenceSessions!: number;

  @Field(() => Float, { description: '0 to 100, unrounded' })
  overallAbsenceRate!: number;

  @Field(() => Boolean, { description: 'Absent for at least 10 % of possible sessions' })
  persistentlyAbsent!: boolean;

  @Field(() => Boolean, { description: 'Absent for at least 50 % of possible sessions' })
  severelyAbsent!: boolean;
}

@ObjectType({ description: "A case's sessions over one period: every code, summed, then divided" })
export class MentoringPeriodAttendance {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Int)
  possibleSessions!: number;

  @Field(() => Int)
  overallAttendanceSessions!: number;

  @Field(() => Int)
  overallAbsenceSessions!: number;

  @Field(() => Int)
  unauthorisedAbsenceSessions!: number;

  @Field(() => Float, { nullable: true, description: 'Null when there are no possible sessions' })
  attendanceRate!: number | null;

  @Field(() => Float, { nullable: true })
  overallAbsenceRate!: number | null;
}

@ObjectType({
  description:
    "Attendance before enrolment (the 12 months up to the day before) and after it (to the case's end, or to the date asked while it is open)",
})
export class MentoringCaseAttendance {
  @Field(() => MentoringPeriodAttendance)
  before!: MentoringPeriodAttendance;

  @Field(() => MentoringPeriodAttendance)
  after!: MentoringPeriodAttendance;

  @Field(() => Float, {
    nullable: true,
    description: 'After minus before attendance rate, in percentage points',
  })
  attendanceRateChangePoints!: number | null;
}

@ObjectType({
  description:
    "One pupil in the 1-2-1 attendance mentoring pilot (DfE, delivered by Barnardo's). Pupil-level: visible to the LA of the school and to DfE.",
})
export class MentoringCase {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The school whose register the pupil is on' })
  urn!: number;

  /** The enrolment, resolved through the pupil scope check as `pupil`. */
  enrolmentId!: string;

  @Field(() => String)
  mentorName!: string;

  @Field(() => String)
  mentorOrganisation!: string;

  @Field(() => DateScalar)
  enrolledOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endedOn!: string | null;

  @Field(() => String, { nullable: true })
  endReason!: string | null;

  @Field(() => MentoringEligibility)
  eligibility!: MentoringEligibility;

  /** The date an open case's `after` period runs to. */
  asOf!: string;
}

export const { Connection: MentoringCaseConnection } = connectionOf('MentoringCase', MentoringCase);

@ObjectType({
  description:
    "An LA's mentoring pilot: cases enrolled up to the date asked, with attendance before and after enrolment summed over every case and then divided (ratio of sums). Counts and figures are suppressed for viewers who may not see the pupils behind them.",
})
export class MentoringPilotSummary {
  @Field(() => String)
  localAuthorityCode!: string;

  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => Int, { nullable: true, description: 'Null when withheld (see suppression)' })
  cases!: number | null;

  @Field(() => Int, { nullable: true })
  openCases!: number | null;

  @Field(() => Int, { nullable: true })
  endedCases!: number | null;

  @Field(() => AttendanceSummary, {
    description: 'The 12 months before each enrolment, summed over cases',
  })
  before!: AttendanceSummary;

  @Field(() => AttendanceSummary, {
    description: 'From each enrolment to its end (or the date asked), summed over cases',
  })
  after!: AttendanceSummary;

  @Field(() => Float, {
    nullable: true,
    description: 'After minus before attendance rate, in percentage points',
  })
  attendanceRateChangePoints!: number | null;

  @Field(() => String, {
    nullable: true,
    description: '"c" when any figure is withheld to protect pupils',
  })
  suppression!: string | null;
}
