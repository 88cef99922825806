import { AcademicYear } from '@estate/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { WorkforceContext } from '../../context';
import { PremiumTotals } from '../premium-eligibility/premium-eligibility.type';
import { LocalAuthority } from './local-authority.type';

@Resolver(() => LocalAuthority)
export class LocalAuthorityResolver {
  @FieldResolver(() => PremiumTotals, {
    nullable: true,
    description: 'Eligible teachers and their awards over every school in the area',
  })
  @Directive('@requires(fields: "schoolUrns")')
  premiumTotals(
    @Root() la: LocalAuthority,
    @Arg('academicYear', () => AcademicYear) academicYear: AcademicYear,
    @Ctx() ctx: WorkforceContext,
  ) {
    return ctx.eligibility.forLocalAuthority(la.code, la.schoolUrns ?? [], academicYear);
  }
}
