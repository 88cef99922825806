import { DateScalar, PageArgs, parsePage, todayIso } from '@estate/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { AcademiesContext } from '../../context';
import { connectionOf } from '@estate/subgraph-kit';
import { MembershipSpan, Trust, TrustFilter, TrustSchoolConnection } from './trust.type';

const { Connection: TrustConnection } = connectionOf('Trust', Trust);

@Resolver(() => Trust)
export class TrustResolver {
  @Query(() => Trust, { nullable: true })
  trust(@Arg('groupUid', () => ID) groupUid: string, @Ctx() ctx: AcademiesContext) {
    return ctx.trusts.get(groupUid);
  }

  @Query(() => TrustConnection, { description: 'Trusts ordered by group UID' })
  trusts(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => TrustFilter, { nullable: true }) filter: TrustFilter | null,
    @Ctx() ctx: AcademiesContext,
  ) {
    return ctx.trusts.list(parsePage(page), filter);
  }

  @FieldResolver(() => TrustSchoolConnection, {
    description: 'Schools the trust runs on the date given (default today), ordered by URN',
  })
  schools(
    @Root() trust: Trust,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'Page size, 1 to 100' })
    first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: AcademiesContext,
  ) {
    return ctx.trusts.schools(trust.groupUid, parsePage({ first, after }), on ?? todayIso());
  }

  @FieldResolver(() => [MembershipSpan], {
    description: 'Every dated span of every school that has been in the trust',
  })
  membershipSpans(@Root() trust: Trust, @Ctx() ctx: AcademiesContext) {
    return ctx.trusts.membershipSpans(trust.groupUid);
  }
}
