import { addDays, DateScalar, parsePage } from '@estate/subgraph-kit';
import { Arg, Args, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { AbsenceRiskGroupReport } from '../early-warning/early-warning.type';
import { AttendanceArgs, AttendanceSeriesArgs } from '../measures/measures.args';
import type { CountedSpan, MeasureUniverse } from '../measures/measures.service';
import { AttendanceSummary } from '../measures/measures.type';
import { MentoringCaseConnection, MentoringPilotSummary } from '../mentoring/mentoring.type';
import { PenaltyNoticeConnection } from '../penalty/penalty-notice.type';
import { LocalAuthority } from './local-authority.type';

const REQUIRES_SCHOOL_SPANS = '@requires(fields: "schoolSpans { urn openedOn closedOn }")';

/**
 * The school's LA, not the pupils' homes (domain.md §2.5), while the school was open: a report on a
 * date counts the schools open that day, not every school the area ever had.
 */
function spansOf(la: LocalAuthority): CountedSpan[] {
  return (la.schoolSpans ?? []).map((span) => ({
    urn: span.urn,
    from: span.openedOn,
    until: span.closedOn === null ? null : addDays(span.closedOn, 1),
  }));
}

/** Every school the area has had: cases and notices stay the LA's after a school closes. */
function schoolsOf(la: LocalAuthority): { code: string; schoolUrns: number[] } {
  return { code: la.code, schoolUrns: (la.schoolSpans ?? []).map((span) => span.urn) };
}

function universeOf(la: LocalAuthority): MeasureUniverse {
  return { kind: 'spans', spans: spansOf(la) };
}

@Resolver(() => LocalAuthority)
export class LocalAuthorityAttendanceResolver {
  @FieldResolver(() => AttendanceSummary, { nullable: true })
  @Directive(REQUIRES_SCHOOL_SPANS)
  attendance(
    @Root() la: LocalAuthority,
    @Args(() => AttendanceArgs) args: AttendanceArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.summary({ kind: 'localAuthority', code: la.code }, universeOf(la), args);
  }

  @FieldResolver(() => [AttendanceSummary], { nullable: true })
  @Directive(REQUIRES_SCHOOL_SPANS)
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
  @Directive(REQUIRES_SCHOOL_SPANS)
  mentoringPilot(
    @Root() la: LocalAuthority,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.mentoring.pilotSummary(schoolsOf(la), asOf ?? undefined);
  }

  @FieldResolver(() => MentoringCaseConnection, {
    nullable: true,
    description:
      'Mentoring cases enrolled up to the date given, oldest first; pupil-level, null with FORBIDDEN for viewers other than the LA and DfE',
  })
  @Directive(REQUIRES_SCHOOL_SPANS)
  mentoringCases(
    @Root() la: LocalAuthority,
    @Arg('first', () => Int, { description: 'Page size, 1 to 100' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.mentoring.casesOfLocalAuthority(
      schoolsOf(la),
      parsePage({ first, after }),
      asOf ?? undefined,
    );
  }

  @FieldResolver(() => PenaltyNoticeConnection, {
    nullable: true,
    description:
      "Notices to improve and penalty notices for pupils at the LA's schools issued in the period (default from 19 August 2024 to today), oldest first; pupil-level, null with FORBIDDEN for viewers other than the LA and DfE",
  })
  @Directive(REQUIRES_SCHOOL_SPANS)
  penaltyNotices(
    @Root() la: LocalAuthority,
    @Arg('first', () => Int, { description: 'Page size, 1 to 100' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('from', () => DateScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateScalar, { nullable: true }) to: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.penaltyNotices.ofLocalAuthority(schoolsOf(la), parsePage({ first, after }), {
      from,
      to,
    });
  }

  @FieldResolver(() => AbsenceRiskGroupReport, {
    description:
      "Early warning on the date given (default today) for the LA's schools. Counts for everyone, suppressed unless the viewer is the LA or DfE; the list only for them.",
  })
  @Directive(REQUIRES_SCHOOL_SPANS)
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
