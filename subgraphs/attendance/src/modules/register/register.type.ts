import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What a register submission changed' })
export class RegisterSubmissionResult {
  @Field(() => ID)
  submissionId!: string;

  @Field(() => Int)
  urn!: number;

  @Field(() => Int, { description: 'Marks for sessions not recorded before' })
  inserted!: number;

  @Field(() => Int, {
    description: 'Marks whose code changed; the previous code is kept in history',
  })
  amended!: number;

  @Field(() => Int, { description: 'Marks identical to those already recorded' })
  unchanged!: number;

  @Field(() => Int, {
    description: 'Marks ignored because a value the MIS recorded later is already stored',
  })
  stale!: number;

  @Field(() => Int, { description: 'Pupils added or updated' })
  pupils!: number;

  @Field(() => Boolean, {
    description:
      'True when this answer is the stored response to an earlier call with the same key',
  })
  replayed!: boolean;

  @Field(() => String, { description: 'When the submission was first accepted (ISO 8601)' })
  acceptedAt!: string;
}
