import { AcademicYear } from '@estate/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many schools a list holds at one award amount' })
export class PremiumAwardBand {
  @Field(() => Int)
  awardAmountPounds!: number;

  @Field(() => Int)
  schools!: number;
}

@ObjectType({
  description: "The result of replacing a claim year's award list, as DfE's upload does",
})
export class PremiumAwardListUpload {
  @Field(() => AcademicYear)
  academicYear!: AcademicYear;

  @Field(() => Int, { description: 'Schools now on the list (those listed above £0)' })
  schools!: number;

  @Field(() => Int, { description: 'Rows listed at £0: those schools are not eligible' })
  skippedZeroAmountRows!: number;

  @Field(() => [PremiumAwardBand], { description: 'Schools by award amount, ascending' })
  schoolsByAmount!: PremiumAwardBand[];

  @Field(() => Int, { description: 'Top-ups created on existing claims because an award rose' })
  topUpsCreated!: number;

  @Field(() => Int)
  topUpPounds!: number;
}
