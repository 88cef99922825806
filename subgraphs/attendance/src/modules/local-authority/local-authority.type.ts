import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A local authority (owned by academies); attendance adds its measures' })
@Directive('@key(fields: "code")')
export class LocalAuthority {
  @Field(() => String)
  code!: string;

  @Field(() => [Int])
  @Directive('@external')
  schoolUrns?: number[];
}
