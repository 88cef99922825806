import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** The academies subgraph's LA, extended with premium totals over the schools in its area. */
@ObjectType()
@Directive('@key(fields: "code")')
export class LocalAuthority {
  @Field(() => String)
  code!: string;

  @Field(() => [Int])
  @Directive('@external')
  schoolUrns?: number[];
}
