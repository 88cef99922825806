import { DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';

/**
 * Academies' value type, defined identically here so that `@requires` can select it: when a school
 * of the area was open, so that the LA's figures on a date count the schools open that day.
 */
@ObjectType()
export class SchoolOpenSpan {
  @Field(() => Int)
  @Directive('@external')
  urn!: number;

  @Field(() => DateScalar, { nullable: true })
  @Directive('@external')
  openedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day it was open' })
  @Directive('@external')
  closedOn!: string | null;
}

@ObjectType({ description: 'A local authority (owned by academies); attendance adds its measures' })
@Directive('@key(fields: "code")')
export class LocalAuthority {
  @Field(() => String)
  code!: string;

  @Field(() => [SchoolOpenSpan])
  @Directive('@external')
  schoolSpans?: SchoolOpenSpan[];
}
