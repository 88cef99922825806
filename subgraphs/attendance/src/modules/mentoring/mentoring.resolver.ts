import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { Pupil } from '../pupil/pupil.type';
import { EndMentoringInput, EnrolInMentoringInput } from './mentoring.input';
import { MentoringCase, MentoringCaseAttendance } from './mentoring.type';

@Resolver(() => MentoringCase)
export class MentoringResolver {
  @Mutation(() => MentoringCase, {
    description:
      'Enrol a pupil who is persistently or severely absent for the year to date in the 1-2-1 mentoring pilot. An LA, for schools in its area, or DfE; every problem is listed and nothing is written if there is one.',
  })
  async enrolInMentoring(
    @Arg('input', () => EnrolInMentoringInput) input: EnrolInMentoringInput,
    @Ctx() ctx: AttendanceContext,
  ) {
    const [mentoringCase] = await ctx.mentoring.enrol([input]);
    return mentoringCase;
  }

  @Mutation(() => MentoringCase, { description: 'Record the end of a mentoring case' })
  async endMentoring(
    @Arg('input', () => EndMentoringInput) input: EndMentoringInput,
    @Ctx() ctx: AttendanceContext,
  ) {
    const [mentoringCase] = await ctx.mentoring.end([input]);
    return mentoringCase;
  }

  @FieldResolver(() => Pupil)
  pupil(@Root() mentoringCase: MentoringCase, @Ctx() ctx: AttendanceContext) {
    return ctx.pupils.find(mentoringCase.enrolmentId);
  }

  @FieldResolver(() => MentoringCaseAttendance)
  attendance(@Root() mentoringCase: MentoringCase, @Ctx() ctx: AttendanceContext) {
    return ctx.mentoring.attendance(mentoringCase);
  }
}
