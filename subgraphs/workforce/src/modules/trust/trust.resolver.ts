import { AcademicYear } from '@estate/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { WorkforceContext } from '../../context';
import { PremiumTotals } from '../premium-eligibility/premium-eligibility.type';
import { Trust } from './trust.type';

@Resolver(() => Trust)
export class TrustResolver {
  @FieldResolver(() => PremiumTotals, {
    nullable: true,
    description:
      'Eligible teachers and their awards over the schools the trust runs on the assessment date',
  })
  @Directive('@requires(fields: "membershipSpans { urn joinedOn leftOn }")')
  premiumTotals(
    @Root() trust: Trust,
    @Arg('academicYear', () => AcademicYear) academicYear: AcademicYear,
    @Ctx() ctx: WorkforceContext,
  ) {
    return ctx.eligibility.forTrust(
      trust.groupUid,
      (trust.membershipSpans ?? []).map((span) => ({
        urn: span.urn,
        groupUid: trust.groupUid,
        joinedOn: span.joinedOn,
        leftOn: span.leftOn ?? null,
      })),
      academicYear,
    );
  }
}
