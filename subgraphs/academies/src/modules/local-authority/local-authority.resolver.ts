import { PageArgs, parsePage } from '@estate/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { AcademiesContext } from '../../context';
import { SchoolConnection } from '../school/school.connection';
import { LocalAuthority, SchoolOpenSpan } from './local-authority.type';

@Resolver(() => LocalAuthority)
export class LocalAuthorityResolver {
  @Query(() => LocalAuthority, { nullable: true })
  localAuthority(@Arg('code', () => String) code: string, @Ctx() ctx: AcademiesContext) {
    return ctx.localAuthorities.get(code);
  }

  @Query(() => [LocalAuthority], { description: 'Every local authority, by name' })
  localAuthorities(@Ctx() ctx: AcademiesContext) {
    return ctx.localAuthorities.list();
  }

  @FieldResolver(() => SchoolConnection, { description: 'Schools in the area, academies included' })
  schools(
    @Root() la: LocalAuthority,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: AcademiesContext,
  ) {
    return ctx.localAuthorities.schools(la.code, parsePage(page));
  }

  @FieldResolver(() => [Int], {
    description: 'Every URN in the area, for subgraphs that aggregate over it',
  })
  schoolUrns(@Root() la: LocalAuthority, @Ctx() ctx: AcademiesContext) {
    return ctx.localAuthorities.schoolUrns(la.code);
  }

  @FieldResolver(() => [SchoolOpenSpan], {
    description: 'Every URN in the area with its open and close dates, closed schools included',
  })
  schoolSpans(@Root() la: LocalAuthority, @Ctx() ctx: AcademiesContext) {
    return ctx.localAuthorities.schoolSpans(la.code);
  }
}
