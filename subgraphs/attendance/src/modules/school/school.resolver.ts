import { DateScalar, parsePage } from '@estate/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { AttendanceArgs, AttendanceSeriesArgs } from '../measures/measures.args';
import { AttendanceSummary } from '../measures/measures.type';
import { AbsenceRiskReport } from '../early-warning/early-warning.type';
import { PenaltyNoticeCandidate } from '../penalty/penalty.type';
import { PupilConnection } from '../pupil/pupil.type';
import { School } from './school.type';

@Resolver(() => School)
export class SchoolAttendanceResolver {
  @FieldResolver(() => AttendanceSummary, {
    nullable: true,
    description: "The school's headline attendance over the period (suppressed for the public)",
  })
  attendance(
    @Root() school: School,
    @Args(() => AttendanceArgs) args: AttendanceArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.summary(
      { kind: 'school', urn: school.urn },
      { kind: 'spans', spans: [{ urn: school.urn, from: null, until: null }] },
      args,
    );
  }

  @FieldResolver(() => [AttendanceSummary], { nullable: true })
  attendanceSeries(
    @Root() school: School,
    @Args(() => AttendanceSeriesArgs) args: AttendanceSeriesArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.series(
      { kind: 'school', urn: school.urn },
      { kind: 'spans', spans: [{ urn: school.urn, from: null, until: null }] },
      args,
      args.granularity,
    );
  }

  @FieldResolver(() => PupilConnection, {
    nullable: true,
    description:
      'Pupils on roll on the date given (default today); null with FORBIDDEN for viewers who may not see them',
  })
  pupils(
    @Root() school: School,
    @Arg('first', () => Int, { description: 'Page size, 1 to 100' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.pupils.onRoll(school.urn, parsePage({ first, after }), on ?? undefined);
  }

  @FieldResolver(() => [PenaltyNoticeCandidate], {
    nullable: true,
    description:
      'Pupils for whom a penalty notice must be considered on the date given (default today); pupil-level',
  })
  penaltyNoticeCandidates(
    @Root() school: School,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.penalties.candidates(school.urn, asOf ?? undefined);
  }

  @FieldResolver(() => AbsenceRiskReport, {
    description:
      'Early warning on the date given (default today): pupils not yet persistently absent for the year to date whose last 4 and 8 school weeks put them on course to be. Counts for everyone, suppressed unless the viewer may see the pupils; the list only for them.',
  })
  absenceRisk(
    @Root() school: School,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.earlyWarning.report(school.urn, asOf ?? undefined);
  }
}
