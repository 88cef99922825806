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
      'The schools open in the area on the date (default today), counted by their latest full inspection published by then',
  })
  @Directive('@requires(fields: "schoolSpans { urn openedOn closedOn }")')
  inspectionProfile(
    @Root() la: LocalAuthority,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | null,
    @Ctx() ctx: InspectionsContext,
  ) {
    return ctx.inspections.localAuthorityProfile(la.schoolSpans ?? [], on ?? undefined);
  }
}
