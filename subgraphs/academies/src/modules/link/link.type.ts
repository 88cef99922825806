import { DateScalar } from '@estate/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A GIAS link from this school to another URN' })
export class SchoolLink {
  @Field(() => Int, { description: 'The other URN' })
  urn!: number;

  @Field(() => String, {
    description: 'As GIAS words it: Predecessor, Successor, and their variants',
  })
  linkType!: string;

  @Field(() => DateScalar, { nullable: true })
  establishedOn!: string | null;
}
