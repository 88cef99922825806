import { connectionOf, DateScalar } from '@estate/subgraph-kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PenaltyNoticeKindValue {
  NOTICE_TO_IMPROVE = 'noticeToImprove',
  PENALTY_NOTICE = 'penaltyNotice',
}
registerEnumType(PenaltyNoticeKindValue, {
  name: 'PenaltyNoticeKind',
  description: 'A notice to improve may precede a penalty notice; only penalty notices are fines',
});

export enum PenaltyNoticeStatusValue {
  ISSUED = 'issued',
  PAID = 'paid',
  PROSECUTED = 'prosecuted',
  WITHDRAWN = 'withdrawn',
}
registerEnumType(PenaltyNoticeStatusValue, {
  name: 'PenaltyNoticeStatus',
  description: 'Withdrawn notices do not count towards the limit of two in 3 years; the rest do',
});

export enum PenaltyNoticeOrdinalValue {
  FIRST = 'first',
  SECOND = 'second',
}
registerEnumType(PenaltyNoticeOrdinalValue, {
  name: 'PenaltyNoticeOrdinal',
  description: 'Which penalty notice of its 3-year window this is; there is never a third',
});

@ObjectType({
  description:
    'A notice to improve or a penalty notice to one parent about one child (national framework, August 2024). Pupil-level: the LA of the school and DfE.',
})
export class PenaltyNotice {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The school whose register the sessions are on' })
  urn!: number;

  /** Resolved through the pupil scope check as `pupil`. */
  enrolmentId!: string;

  @Field(() => String, {
    description: "The LA's own reference for the parent; notices are counted per parent, per child",
  })
  parentReference!: string;

  @Field(() => PenaltyNoticeKindValue)
  kind!: PenaltyNoticeKindValue;

  @Field(() => PenaltyNoticeOrdinalValue, { nullable: true, description: 'Penalty notices only' })
  ordinal!: PenaltyNoticeOrdinalValue | null;

  @Field(() => DateScalar)
  issuedOn!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Payable within 28 days: £160 for a first or second notice',
  })
  amountPounds!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'A first notice paid within 21 days: £80; a second has no reduction',
  })
  reducedAmountPounds!: number | null;

  @Field(() => DateScalar, { nullable: true })
  payBy!: string | null;

  @Field(() => DateScalar, { nullable: true })
  reducedPaymentBy!: string | null;

  @Field(() => PenaltyNoticeStatusValue)
  status!: PenaltyNoticeStatusValue;

  @Field(() => DateScalar, { nullable: true })
  paidOn!: string | null;

  @Field(() => Int, { nullable: true })
  amountPaidPounds!: number | null;

  @Field(() => DateScalar, { nullable: true })
  withdrawnOn!: string | null;

  @Field(() => String, { nullable: true })
  withdrawalReason!: string | null;

  @Field(() => Int, {
    description: 'Unauthorised sessions in the rolling 10 school weeks on the issue date',
  })
  unauthorisedSessions!: number;

  @Field(() => DateScalar, { description: 'Monday of the oldest school week in that window' })
  windowFrom!: string;

  @Field(() => Boolean, { description: 'A penalty notice not withdrawn' })
  countsTowardsLimit!: boolean;
}

export const { Connection: PenaltyNoticeConnection } = connectionOf('PenaltyNotice', PenaltyNotice);
