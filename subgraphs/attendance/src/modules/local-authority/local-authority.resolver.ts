import { DateScalar, parsePage } from '@estate/subgraph-kit';
import { Arg, Args, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { AbsenceRiskGroupReport } from '../early-warning/early-warning.type';
import { AttendanceArgs, AttendanceSeriesArgs } from '../measures/measures.args';
import type { CountedSpan, MeasureUniverse } from '../measures/measures.service';
import { AttendanceSummary } from '../measures/measures.type';
import { MentoringCaseConnection, MentoringPilotSummary } from '../mentoring/mentoring.type';
import { PenaltyNoticeConnection } from '../penalty/penalty-notice.type';
import { LocalAuthority } from './local-authority.type';

/** The school's LA, not the pupils' homes (domain.md §2.5). */
function spansOf(la: LocalAuthority): CountedSpan[] {
  return (la.schoolUrns ?? []).map((urn) => ({ urn, from: null, until: null }));
}

function universeOf(la: LocalAuthority): MeasureUniverse {
  return { kind: 'spans', spans: spansOf(la) };
}

@Resolver(() => LocalAuthority)
export class LocalAuthorityAttendanceResolver {
  @FieldResolver(() => AttendanceSummary, { nullable: true })
  @Directive('@requires(fields: "schoolUrns")')
  attendance(
    @Root() la: LocalAuthority,
    @Args(() => AttendanceArgs) args: AttendanceArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.summary({ kind: 'localAuthority', code: la.code }, universeOf(la), args);
  }

  @FieldResolver(() => [AttendanceSummary], { nullable: true })
  @Directive('@requires(fields: "schoolUrns")')
  attendanceSeries(
    @Root() la: LocalAuthority,
    @Args(() => AttendanceSeriesArgs) args: AttendanceSeriesArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.series(
      { kind: 'localAuthority', code: la.code },
      universeOf(la),
      args,
      args.granularity,
    );
  }

  @FieldResolver(() => MentoringPilotSummary, {
    description:
      "The 1-2-1 mentoring pilot at the LA's schools up to the date given (default today); suppressed unless the viewer is the LA or DfE",
  })
  @Directive('@requires(fields: "schoolUrns")')
  mentoringPilot(
    @Root() la: LocalAuthority,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.mentoring.pilotSummary(la, asOf ?? undefined);
  }

  @FieldResolver(() => MentoringCaseConnection, {
    nullable: true,
    description:
      'Mentoring cases enrolled up to the date given, oldest first; pupil-level, null with FORBIDDEN for viewers other than the LA and DfE',
  })
  @Directive('@requires(fields: "schoolUrns")')
  mentoringCases(
    @Root() la: LocalAuthority,
    @Arg('first', () => Int, { description: 'Page size, 1 to 100' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.mentoring.casesOfLocalAuthority(la, parsePage({ first, after }), asOf ?? undefined);
  }

  @FieldResolver(() => PenaltyNoticeConnection, {
    nullable: true,
    description:
      "Notices to improve and penalty notices for pupils at the LA's schools issued in the period (default from 19 August 2024 to today), oldest first; pupil-level, null with FORBIDDEN for viewers other than the LA and DfE",
  })
  @Directive('@requires(fields: "schoolUrns")')
  penaltyNotices(
    @Root() la: LocalAuthority,
    @Arg('first', () => Int, { description: 'Page size, 1 to 100' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('from', () => DateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.penaltyNotices.ofLocalAuthority(la, parsePage({ first, after }), { from, to });
  }

  @FieldResolver(() => AbsenceRiskGroupReport, {
    description:
      "Early warning on the date given (default today) for the LA's schools. Counts for everyone, suppressed unless the viewer is the LA or DfE; the list only for them.",
  })
  @Directive('@requires(fields: "schoolUrns")')
  absenceRisk(
    @Root() la: LocalAuthority,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.earlyWarning.groupReport(
      { kind: 'localAuthority', code: la.code },
      spansOf(la),
      asOf ?? undefined,
    );
  }
}
