import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** The academies subgraph's local authority, extended with its schools' inspection profile. */
@ObjectType()
@Directive('@key(fields: "code")')
export class LocalAuthority {
  @Field(() => String)
  code!: string;

  @Field(() => [Int])
  @Directive('@external')
  schoolUrns?: number[];
}
