import { Field, InputType, Int } from 'type-graphql';

/**
 * Values arrive as strings and are checked by the service, not by GraphQL coercion, so that a
 * batch with several bad values is answered with every problem and its index at once.
 */
@InputType({ description: 'A pupil on the register, as the MIS holds them' })
export class RegisterPupilInput {
  @Field(() => String, { description: 'Unique pupil number, 13 characters with its check letter' })
  upn!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  dateOfBirth!: string;

  @Field(() => Int, { description: 'National curriculum year group; reception is 0, nursery -1' })
  yearGroup!: number;

  @Field(() => String, { description: '"F" or "M", as the school census records sex' })
  sex!: string;

  @Field(() => Boolean, { description: 'Eligible for free school meals' })
  freeSchoolMeals!: boolean;

  @Field(() => String, {
    description: 'SEN provision as the census codes it: "N" none, "K" SEN support, "E" EHC plan',
  })
  senStatus!: string;

  @Field(() => Boolean, { description: 'English as an additional language' })
  englishAsAdditionalLanguage!: boolean;

  @Field(() => String, { description: 'Admission date, YYYY-MM-DD' })
  admittedOn!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Leaving date (the last day on roll), YYYY-MM-DD',
  })
  leftOn?: string | null;
}

@InputType({ description: 'One session of one pupil' })
export class RegisterMarkInput {
  @Field(() => String)
  upn!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, not in the future' })
  date!: string;

  @Field(() => String, { description: '"AM" or "PM"' })
  session!: string;

  @Field(() => String, {
    description:
      'A code of the 2024 code table; withdrawn codes only for sessions before 19 Aug 2024',
  })
  code!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'When the MIS recorded this value (ISO 8601). An older value arriving after a newer one is ignored.',
  })
  recordedAt?: string | null;
}

@InputType()
export class SubmitRegisterInput {
  @Field(() => Int)
  urn!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Up to 255 characters. A resend with the same key returns the first response; the same key with a different payload is refused.',
  })
  idempotencyKey?: string | null;

  @Field(() => [RegisterPupilInput])
  pupils!: RegisterPupilInput[];

  @Field(() => [RegisterMarkInput])
  marks!: RegisterMarkInput[];
}
