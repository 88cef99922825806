import { DateScalar } from '@estate/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { InspectionsContext } from '../../context';
import { InspectionProfile } from '../inspection/inspection.type';
import { LocalAuthority } from './local-authority.type';

@Resolver(() => LocalAuthority)
export class LocalAuthorityResolver {
  @FieldResolver(() => InspectionProfile, {
    nullable: true,
    description:
      'Every URN academies lists in the area, counted by its latest full inspection published by the date (default today)',
  })
  @Directive('@requires(fields: "schoolUrns")')
  inspectionProfile(
    @Root() la: LocalAuthority,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | null,
    @Ctx() ctx: InspectionsContext,
  ) {
    return ctx.inspections.localAuthorityProfile(la.schoolUrns ?? [], on ?? undefined);
  }
}
