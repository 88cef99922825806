import { buildSubgraph } from '@estate/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { GradedInspection, ReportCardInspection } from './modules/inspection/inspection.type';
import { LocalAuthorityResolver } from './modules/local-authority/local-authority.resolver';
import { LocalAuthority } from './modules/local-authority/local-authority.type';
import { SchoolResolver } from './modules/school/school.resolver';
import { School } from './modules/school/school.type';
import { TrustResolver } from './modules/trust/trust.resolver';
import { Trust } from './modules/trust/trust.type';

/**
 * The entities here are academies' own, extended: a representation already holds everything this
 * subgraph needs (the key and the `@requires` fields), so references resolve without a query and
 * the inspections are loaded, batched, by the field resolvers.
 */
export function buildInspectionsSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({
    resolvers: [SchoolResolver, TrustResolver, LocalAuthorityResolver],
    // Nothing here is reachable from a Query of ours: the entities are reached through _entities.
    orphanedTypes: [School, Trust, LocalAuthority, GradedInspection, ReportCardInspection],
    referenceResolvers: {
      School: { __resolveReference: (ref: School) => ref },
      Trust: { __resolveReference: (ref: Trust) => ref },
      LocalAuthority: { __resolveReference: (ref: LocalAuthority) => ref },
    },
  });
}
