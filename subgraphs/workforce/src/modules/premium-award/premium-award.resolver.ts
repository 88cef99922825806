import { AcademicYear } from '@estate/subgraph-kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { WorkforceContext } from '../../context';
import { PremiumAwardListUpload } from './premium-award.type';

@Resolver()
export class PremiumAwardResolver {
  @Mutation(() => PremiumAwardListUpload, {
    description:
      "Replaces a claim year's award list with a `school_urn,award_amount` CSV, and tops up claims whose school's award rose. DfE only; a file with any bad row is refused whole.",
  })
  uploadPremiumAwards(
    @Arg('academicYear', () => AcademicYear) academicYear: AcademicYear,
    @Arg('csv', () => String) csv: string,
    @Ctx() ctx: WorkforceContext,
  ) {
    return ctx.awards.upload(academicYear, csv);
  }
}
