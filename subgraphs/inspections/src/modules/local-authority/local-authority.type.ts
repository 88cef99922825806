import { DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** When a school in the area was open, as academies records it. */
@ObjectType()
export class SchoolOpenSpan {
  @Field(() => Int)
  @Directive('@external')
  urn!: number;

  @Field(() => DateScalar, { nullable: true })
  @Directive('@external')
  openedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Directive('@external')
  closedOn!: string | null;
}

/** The academies subgraph's local authority, extended with its schools' inspection profile. */
@ObjectType()
@Directive('@key(fields: "code")')
export class LocalAuthority {
  @Field(() => String)
  code!: string;

  @Field(() => [SchoolOpenSpan])
  @Directive('@external')
  schoolSpans?: SchoolOpenSpan[];
}
