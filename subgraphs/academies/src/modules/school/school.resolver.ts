import { DateScalar, PageArgs, parsePage } from '@estate/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { AcademiesContext } from '../../context';
import { SchoolLink } from '../link/link.type';
import { LocalAuthority } from '../local-authority/local-authority.type';
import { TrustMembership } from '../trust/trust.type';
import { SchoolConnection } from './school.connection';
import { School, SchoolFilter } from './school.type';

@Resolver(() => School)
export class SchoolResolver {
  @Query(() => School, { nullable: true, description: 'A school by its 6-digit URN' })
  school(@Arg('urn', () => Int) urn: number, @Ctx() ctx: AcademiesContext): Promise<School> {
    return ctx.schools.get(urn);
  }

  @Query(() => SchoolConnection, { description: 'Schools ordered by URN' })
  schools(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => SchoolFilter, { nullable: true }) filter: SchoolFilter | null,
    @Ctx() ctx: AcademiesContext,
  ) {
    return ctx.schools.list(parsePage(page), filter);
  }

  @FieldResolver(() => LocalAuthority)
  async localAuthority(@Root() school: School, @Ctx() ctx: AcademiesContext) {
    return ctx.localAuthorities.ofSchool(school.urn);
  }

  @FieldResolver(() => TrustMembership, {
    nullable: true,
    description: 'The trust that runs the school on the date given (default today)',
  })
  trust(
    @Root() school: School,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | null,
    @Ctx() ctx: AcademiesContext,
  ) {
    return ctx.trusts.membershipOf(school.urn, on ?? undefined);
  }

  @FieldResolver(() => [TrustMembership], {
    description: 'Every trust the school has been in, oldest first',
  })
  trustHistory(@Root() school: School, @Ctx() ctx: AcademiesContext) {
    return ctx.trusts.history(school.urn);
  }

  @FieldResolver(() => [SchoolLink])
  links(@Root() school: School, @Ctx() ctx: AcademiesContext) {
    return ctx.links.links(school.urn);
  }

  @FieldResolver(() => [Int], {
    description: 'URNs this school replaced, e.g. the school before conversion',
  })
  predecessorUrns(@Root() school: School, @Ctx() ctx: AcademiesContext) {
    return ctx.links.predecessorUrns(school.urn);
  }

  @FieldResolver(() => [Int])
  successorUrns(@Root() school: School, @Ctx() ctx: AcademiesContext) {
    return ctx.links.successorUrns(school.urn);
  }
}
