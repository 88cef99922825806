import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { Pupil } from '../pupil/pupil.type';
import {
  IssuePenaltyNoticeInput,
  RecordPenaltyNoticePaymentInput,
  WithdrawPenaltyNoticeInput,
} from './penalty-notice.input';
import { PenaltyNotice } from './penalty-notice.type';

@Resolver(() => PenaltyNotice)
export class PenaltyNoticeResolver {
  @Mutation(() => [PenaltyNotice], {
    description:
      'Issue notices to improve and penalty notices, all or none, each checked against the threshold on its date and the limit of two penalty notices in 3 years. An LA, for schools in its area, or DfE.',
  })
  issuePenaltyNotices(
    @Arg('notices', () => [IssuePenaltyNoticeInput]) notices: IssuePenaltyNoticeInput[],
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.penaltyNotices.issue(notices);
  }

  @Mutation(() => PenaltyNotice, { description: 'Record that a penalty notice was paid' })
  async recordPenaltyNoticePayment(
    @Arg('input', () => RecordPenaltyNoticePaymentInput) input: RecordPenaltyNoticePaymentInput,
    @Ctx() ctx: AttendanceContext,
  ) {
    const [notice] = await ctx.penaltyNotices.recordPayments([input]);
    return notice;
  }

  @Mutation(() => PenaltyNotice, {
    description: 'Withdraw a notice; a withdrawn penalty notice does not count towards the limit',
  })
  async withdrawPenaltyNotice(
    @Arg('input', () => WithdrawPenaltyNoticeInput) input: WithdrawPenaltyNoticeInput,
    @Ctx() ctx: AttendanceContext,
  ) {
    const [notice] = await ctx.penaltyNotices.withdraw([input]);
    return notice;
  }

  @FieldResolver(() => Pupil)
  pupil(@Root() notice: PenaltyNotice, @Ctx() ctx: AttendanceContext) {
    ctx.penaltyNotices.assertMayRead(notice);
    return ctx.pupils.find(notice.enrolmentId);
  }
}
