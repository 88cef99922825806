import { Directive, Field, Int, ObjectType } from 'type-graphql';

/**
 * The academies subgraph's School, extended with its Ofsted history. Only the URN is ours; the
 * predecessor links come from academies through `@requires` and are never stored here.
 */
@ObjectType()
@Directive('@key(fields: "urn")')
export class School {
  @Field(() => Int)
  urn!: number;

  @Field(() => [Int])
  @Directive('@external')
  predecessorUrns?: number[];
}
