import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { AttendanceArgs, AttendanceSeriesArgs } from './measures.args';
import { AttendanceSummary } from './measures.type';

@Resolver()
export class NationalAttendanceResolver {
  @Query(() => AttendanceSummary, { description: 'England: every school with registers' })
  nationalAttendance(
    @Args(() => AttendanceArgs) args: AttendanceArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.summary({ kind: 'national' }, { kind: 'national' }, args);
  }

  @Query(() => [AttendanceSummary])
  nationalAttendanceSeries(
    @Args(() => AttendanceSeriesArgs) args: AttendanceSeriesArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.measures.series({ kind: 'national' }, { kind: 'national' }, args, args.granularity);
  }
}
