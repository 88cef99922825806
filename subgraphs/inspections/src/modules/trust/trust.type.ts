import { DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** One dated span of a school in a trust, as academies gives it; leftOn is the first day out. */
@ObjectType()
export class MembershipSpan {
  @Field(() => Int)
  @Directive('@external')
  urn!: number;

  @Field(() => DateScalar)
  @Directive('@external')
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Directive('@external')
  leftOn!: string | null;
}

/** The academies subgraph's trust, extended with the inspections of the schools it runs. */
@ObjectType()
@Directive('@key(fields: "groupUid")')
export class Trust {
  @Field(() => ID)
  groupUid!: string;

  @Field(() => [MembershipSpan])
  @Directive('@external')
  membershipSpans?: MembershipSpan[];
}
