import { DateScalar } from '@estate/subgraph-kit';
import { Arg, Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { AbsenceRiskGroupReport } from '../early-warning/early-warning.type';
import { AttendanceArgs, AttendanceSeriesArgs } from '../measures/measures.args';
import type { CountedSpan, MeasureUniverse } from '../measures/measures.service';
import { AttendanceSummary } from '../measures/measures.type';
import { Trust } from './trust.type';

const REQUIRES_SPANS = '@requires(fields: "membershipSpans { urn joinedOn leftOn }")';

/** Each school counts only on the days the trust ran it (domain.md §2.5). */
function spansOf(trust: Trust): CountedSpan[] {
  return (trust.membershipSpans ?? []).map((span) => ({
    urn: span.urn,
    from: span.joinedOn,
    until: span.leftOn,
  }));
}

function universeOf(trust: Trust): MeasureUniverse {
  return { kind: 'spans', spans: spansOf(trust) };
}

@Resolver(() => Trust)
export class TrustAttendanceResolver {
  @FieldResolver(() => AttendanceSummary, {
    nullable: true,
    description: 'Sessions summed over the schools the trust ran on each day, then divided',
  })
  @Directive(REQUIRES_SPANS)
  attendance(
    @Root() trust: Trust,
    @Args(() => AttendanceArgs) args: AttendanceArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.summary(
      { kind: 'trust', groupUid: trust.groupUid },
      universeOf(trust),
      args,
    );
  }

  @FieldResolver(() => [AttendanceSummary], { nullable: true })
  @Directive(REQUIRES_SPANS)
  attendanceSeries(
    @Root() trust: Trust,
    @Args(() => AttendanceSeriesArgs) args: AttendanceSeriesArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.series(
      { kind: 'trust', groupUid: trust.groupUid },
      universeOf(trust),
      args,
      args.granularity,
    );
  }

  @FieldResolver(() => AbsenceRiskGroupReport, {
    description:
      'Early warning on the date given (default today) for the schools the trust ran that day. Counts for everyone, suppressed unless the viewer is the trust or DfE; the list only for them.',
  })
  @Directive(REQUIRES_SPANS)
  absenceRisk(
    @Root() trust: Trust,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.earlyWarning.groupReport(
      { kind: 'trust', groupUid: trust.groupUid },
      spansOf(trust),
      asOf ?? undefined,
    );
  }
}
