import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { AttendanceArgs, AttendanceSeriesArgs } from '../measures/measures.args';
import type { MeasureUniverse } from '../measures/measures.service';
import { AttendanceSummary } from '../measures/measures.type';
import { Trust } from './trust.type';

const REQUIRES_SPANS = '@requires(fields: "membershipSpans { urn joinedOn leftOn }")';

/** Each school counts only on the days the trust ran it (domain.md §2.5). */
function universeOf(trust: Trust): MeasureUniverse {
  return {
    kind: 'spans',
    spans: (trust.membershipSpans ?? []).map((span) => ({
      urn: span.urn,
      from: span.joinedOn,
      until: span.leftOn,
    })),
  };
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
}
