import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A school (owned by academies); attendance adds its registers and measures',
})
@Directive('@key(fields: "urn")')
export class School {
  @Field(() => Int)
  urn!: number;
}
