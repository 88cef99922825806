import { Field, ID, InputType } from 'type-graphql';

/** Dates arrive as strings and are checked by the service, so that every problem is listed at once. */
@InputType({ description: 'Enrol a persistently or severely absent pupil in the mentoring pilot' })
export class EnrolInMentoringInput {
  @Field(() => ID)
  pupilId!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future' })
  enrolledOn!: string;

  @Field(() => String, { description: 'The mentor assigned to the pupil' })
  mentorName!: string;

  @Field(() => String, { nullable: true, description: "Defaults to Barnardo's" })
  mentorOrganisation?: string | null;
}

@InputType()
export class EndMentoringInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String, { description: 'The last day of mentoring, YYYY-MM-DD' })
  endedOn!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}
