import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { AttendanceArgs, AttendanceSeriesArgs } from '../measures/measures.args';
import type { MeasureUniverse } from '../measures/measures.service';
import { AttendanceSummary } from '../measures/measures.type';
import { LocalAuthority } from './local-authority.type';

/** The school's LA, not the pupils' homes (domain.md §2.5). */
function universeOf(la: LocalAuthority): MeasureUniverse {
  return {
    kind: 'spans',
    spans: (la.schoolUrns ?? []).map((urn) => ({ urn, from: null, until: null })),
  };
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
}
