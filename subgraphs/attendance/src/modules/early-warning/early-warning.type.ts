import { DateScalar } from '@estate/subgraph-kit';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { GroupScope } from '../../authorization';
import type { AbsenceRiskAssessment } from '../../domain/early-warning';

@ObjectType({
  description:
    "A pupil's absence over recent school weeks and the year-end rate it projects: the year to date plus this rate over the sessions still to come",
})
export class RecentAbsence {
  @Field(() => Int, { description: 'School weeks in the window (fewer early in the year)' })
  schoolWeeks!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Monday of the oldest school week' })
  from!: string | null;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => Int)
  possibleSessions!: number;

  @Field(() => Int)
  overallAbsenceSessions!: number;

  @Field(() => Float, { nullable: true, description: '0 to 100, unrounded' })
  overallAbsenceRate!: number | null;

  @Field(() => Float, { nullable: true })
  projectedYearEndAbsenceRate!: number | null;

  @Field(() => Boolean, { description: 'The projection reaches 10 %' })
  onCourseForPersistentAbsence!: boolean;
}

@ObjectType({
  description:
    'A pupil not yet persistently absent for the year to date whose last 4 and last 8 school weeks both project persistent absence by year end',
})
export class AbsenceRiskPupil {
  /** Resolved through the pupil scope check as `pupil`, on the date the report was asked for. */
  pupilId!: string;

  /** The school whose register this is, handed out as `school`. */
  urn!: number;

  checkedOn!: string;

  @Field(() => Int)
  yearToDatePossibleSessions!: number;

  @Field(() => Int)
  yearToDateOverallAbsenceSessions!: number;

  @Field(() => Float, { nullable: true })
  yearToDateOverallAbsenceRate!: number | null;

  @Field(() => RecentAbsence)
  lastFourSchoolWeeks!: RecentAbsence;

  @Field(() => RecentAbsence)
  lastEightSchoolWeeks!: RecentAbsence;

  static from(
    pupilId: string,
    urn: number,
    checkedOn: string,
    assessment: AbsenceRiskAssessment,
  ): AbsenceRiskPupil {
    const recent = (projection: AbsenceRiskAssessment['lastFourSchoolWeeks']) =>
      Object.assign(new RecentAbsence(), {
        schoolWeeks: projection.window.weeksCommencing.length,
        from: projection.window.from,
        to: projection.window.to,
        possibleSessions: projection.possibleSessions,
        overallAbsenceSessions: projection.overallAbsenceSessions,
        overallAbsenceRate: projection.overallAbsenceRate,
        projectedYearEndAbsenceRate: projection.projectedYearEndAbsenceRate,
        onCourseForPersistentAbsence: projection.onCourseForPersistentAbsence,
      });
    return Object.assign(new AbsenceRiskPupil(), {
      pupilId,
      urn,
      checkedOn,
      yearToDatePossibleSessions: assessment.yearToDate.possibleSessions,
      yearToDateOverallAbsenceSessions: assessment.yearToDate.overallAbsenceSessions,
      yearToDateOverallAbsenceRate: assessment.yearToDate.overallAbsenceRate,
      lastFourSchoolWeeks: recent(assessment.lastFourSchoolWeeks),
      lastEightSchoolWeeks: recent(assessment.lastEightSchoolWeeks),
    });
  }
}

/**
 * The counts every early-warning report publishes, with their disclosure control. Not a type of
 * the schema: nothing returns it, so only the reports that extend it appear.
 */
@ObjectType()
export abstract class AbsenceRiskCounts {
  @Field(() => Int, { nullable: true, description: 'Pupils with possible sessions this year' })
  pupilsAssessed!: number | null;

  @Field(() => Int, { nullable: true })
  alreadyPersistentlyAbsent!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Not yet persistently absent; both the 4- and 8-week projections reach 10 %',
  })
  onCourse!: number | null;

  @Field(() => Int, { nullable: true, description: 'Only one of the two projections reaches 10 %' })
  watch!: number | null;

  @Field(() => Int, { nullable: true })
  notAtRisk!: number | null;

  @Field(() => [String], { description: 'Counts withheld for disclosure control' })
  suppressedFields!: string[];

  @Field(() => String, { nullable: true, description: '"c" when any count is withheld' })
  suppression!: string | null;

  /** Every on-course pupil, most at risk first; handed out only by the `pupils` field. */
  onCoursePupils!: AbsenceRiskPupil[];
}

@ObjectType({
  description:
    "Early warning for a school's pupils on roll on the date asked, headline scope: counts for everyone (suppressed unless the viewer may see the school's pupils), the list only for the school, its trust, its LA and DfE",
})
export class AbsenceRiskReport extends AbsenceRiskCounts {
  @Field(() => Int)
  urn!: number;

  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => Int, {
    description:
      'Possible sessions assumed still to come this year: the statutory 380 less the sessions the school has met',
  })
  remainingPossibleSessions!: number;
}

@ObjectType({
  description:
    "Early warning for the schools a trust ran, or an LA's schools, on the date asked: each school's report as School.absenceRisk gives it and their totals. The totals are suppressed unless the viewer is that trust or LA (or DfE), so that no count withheld from a school's report can be worked back out of them; the list of pupils is for that trust or LA and DfE only",
})
export class AbsenceRiskGroupReport extends AbsenceRiskCounts {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => Int, { description: 'Schools counted' })
  schools!: number;

  @Field(() => [AbsenceRiskReport], { description: 'One report per school counted, by URN' })
  bySchool!: AbsenceRiskReport[];

  /** Whose list this is, checked again when `pupils` is asked for. */
  scope!: GroupScope;
}
