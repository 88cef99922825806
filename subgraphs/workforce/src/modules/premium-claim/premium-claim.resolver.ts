import { AcademicYear } from '@estate/subgraph-kit';
import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { WorkforceContext } from '../../context';
import { SubmitPremiumClaimPayload } from './premium-claim.type';

@Resolver()
export class PremiumClaimResolver {
  @Mutation(() => SubmitPremiumClaimPayload, {
    description:
      'Claims the premium for a year at a school, capturing its award now. One claim per teacher per year; a refusal gives the reason.',
  })
  submitPremiumClaim(
    @Arg('trn', () => String) trn: string,
    @Arg('academicYear', () => AcademicYear) academicYear: AcademicYear,
    @Arg('urn', () => Int) urn: number,
    @Ctx() ctx: WorkforceContext,
  ) {
    return ctx.claims.submit(trn, academicYear, urn);
  }
}
