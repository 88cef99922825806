import { DateScalar } from '@estate/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { InspectionsContext } from '../../context';
import { InspectionProfile, TrustSchoolInspection } from '../inspection/inspection.type';
import { Trust } from './trust.type';

const REQUIRES_SPANS = '@requires(fields: "membershipSpans { urn joinedOn leftOn }")';

@Resolver(() => Trust)
export class TrustResolver {
  @FieldResolver(() => InspectionProfile, {
    nullable: true,
    description:
      'The schools the trust runs on the date (default today), counted by their latest full inspection published by then',
  })
  @Directive(REQUIRES_SPANS)
  inspectionProfile(
    @Root() trust: Trust,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | null,
    @Ctx() ctx: InspectionsContext,
  ) {
    return ctx.inspections.trustProfile(trust.membershipSpans ?? [], on ?? undefined);
  }

  @FieldResolver(() => [TrustSchoolInspection], {
    nullable: true,
    description:
      'Inspections of the schools the trust runs on the date (default today) under their own URNs, each tagged before or after the school joined',
  })
  @Directive(REQUIRES_SPANS)
  inspectionsSinceJoining(
    @Root() trust: Trust,
    @Arg('on', () => DateScalar, { nullable: true }) on: string | null,
    @Ctx() ctx: InspectionsContext,
  ) {
    return ctx.inspections.inspectionsSinceJoining(trust.membershipSpans ?? [], on ?? undefined);
  }
}
