import { DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * Academies' value type, defined identically here so that `@requires` can select it. Its fields
 * are external: academies resolves them, and the gateway hands them to `Trust.attendance`.
 */
@ObjectType({
  description: 'One dated span of a school in a trust, for subgraphs that attribute data by day',
})
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

@ObjectType({ description: 'A trust (owned by academies); attendance adds its measures' })
@Directive('@key(fields: "groupUid")')
export class Trust {
  @Field(() => ID)
  groupUid!: string;

  @Field(() => [MembershipSpan])
  @Directive('@external')
  membershipSpans?: MembershipSpan[];
}
