import { AcademicYear } from '@estate/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { WorkforceContext } from '../../context';
import { PremiumEligibleTeacher } from '../premium-eligibility/premium-eligibility.type';
import { School } from './school.type';

@Resolver(() => School)
export class SchoolResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: "The school's award for the claim year in pounds; null when it is not on the list",
  })
  premiumAward(
    @Root() school: School,
    @Arg('academicYear', () => AcademicYear) academicYear: AcademicYear,
    @Ctx() ctx: WorkforceContext,
  ) {
    return ctx.awards.awardFor(school.urn, academicYear);
  }

  @FieldResolver(() => [PremiumEligibleTeacher], {
    nullable: true,
    description:
      'Teachers employed here on the assessment date who can claim the premium, by TRN. For the school, its LA, its trust and DfE.',
  })
  @Directive(
    '@requires(fields: "localAuthority { code } trustHistory { groupUid joinedOn leftOn }")',
  )
  premiumEligibleTeachers(
    @Root() school: School,
    @Arg('academicYear', () => AcademicYear) academicYear: AcademicYear,
    @Ctx() ctx: WorkforceContext,
  ) {
    return ctx.eligibility.forSchool(
      {
        urn: school.urn,
        laCode: school.localAuthority?.code ?? null,
        trustHistory: school.trustHistory ?? null,
      },
      academicYear,
    );
  }
}
