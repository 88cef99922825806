import { DateScalar } from '@estate/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { InspectionsContext } from '../../context';
import { GradedInspection, Inspection, InterventionStatus } from '../inspection/inspection.type';
import { School } from './school.type';

const REQUIRES_PREDECESSORS = '@requires(fields: "predecessorUrns")';

@Resolver(() => School)
export class SchoolResolver {
  @FieldResolver(() => [Inspection], {
    nullable: true,
    description:
      "Newest first, including the predecessor school's inspections (marked) where academies links exactly one predecessor",
  })
  @Directive(REQUIRES_PREDECESSORS)
  inspections(@Root() school: School, @Ctx() ctx: InspectionsContext) {
    return ctx.inspections.inspections(school);
  }

  @FieldResolver(() => Inspection, {
    nullable: true,
    description: 'The newest inspection of any kind, predecessor included',
  })
  @Directive(REQUIRES_PREDECESSORS)
  latestInspection(@Root() school: School, @Ctx() ctx: InspectionsContext) {
    return ctx.inspections.latestInspection(school);
  }

  @FieldResolver(() => GradedInspection, {
    nullable: true,
    description:
      'The newest graded (section 5) inspection, predecessor included; from 2 September 2024 it has no headline grade',
  })
  @Directive(REQUIRES_PREDECESSORS)
  latestGradedInspection(@Root() school: School, @Ctx() ctx: InspectionsContext) {
    return ctx.inspections.latestGradedInspection(school);
  }

  @FieldResolver(() => InterventionStatus, {
    nullable: true,
    description:
      'Eligibility for intervention or support on asOf (default today), by the rule in force that day, over inspections published by then',
  })
  @Directive(REQUIRES_PREDECESSORS)
  interventionStatus(
    @Root() school: School,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: InspectionsContext,
  ) {
    return ctx.inspections.interventionStatus(school, asOf ?? undefined);
  }
}
