import { Field, ID, InputType } from 'type-graphql';
import { PenaltyNoticeKindValue } from './penalty-notice.type';

/** Dates arrive as strings and are checked by the service, so that every problem is listed at once. */
@InputType({ description: 'One notice to one parent about one child' })
export class IssuePenaltyNoticeInput {
  @Field(() => ID)
  pupilId!: string;

  @Field(() => String, {
    description: "The LA's own reference for the parent, 1 to 200 characters",
  })
  parentReference!: string;

  @Field(() => PenaltyNoticeKindValue)
  kind!: PenaltyNoticeKindValue;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future' })
  issuedOn!: string;
}

@InputType()
export class RecordPenaltyNoticePaymentInput {
  @Field(() => ID)
  noticeId!: string;

  @Field(() => String, {
    description: 'YYYY-MM-DD; the amount due follows from the days since issue',
  })
  paidOn!: string;
}

@InputType()
export class WithdrawPenaltyNoticeInput {
  @Field(() => ID)
  noticeId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  withdrawnOn!: string;

  @Field(() => String)
  reason!: string;
}
