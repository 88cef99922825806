import { Args, Ctx, FieldResolver, ID, Query, Resolver, Root, Arg } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { AttendanceArgs } from '../measures/measures.args';
import { resolvePeriod } from '../measures/measures.service';
import { AttendanceSummary } from '../measures/measures.type';
import { Pupil, SessionMark } from './pupil.type';

@Resolver(() => Pupil)
export class PupilResolver {
  @Query(() => Pupil, {
    nullable: true,
    description: 'A pupil by opaque id; null with FORBIDDEN when out of scope or unknown',
  })
  pupil(@Arg('id', () => ID) id: string, @Ctx() ctx: AttendanceContext) {
    return ctx.pupils.find(id);
  }

  @FieldResolver(() => AttendanceSummary, {
    description: "The pupil's own sessions over the period, every code (not only headline scope)",
  })
  attendance(
    @Root() pupil: Pupil,
    @Args(() => AttendanceArgs) args: AttendanceArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.pupils.attendance(pupil, args);
  }

  @FieldResolver(() => [SessionMark], {
    description: 'Current marks over the period, oldest first',
  })
  marks(
    @Root() pupil: Pupil,
    @Args(() => AttendanceArgs) args: AttendanceArgs,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.pupils.marks(pupil, resolvePeriod(args));
  }
}
