import { buildSubgraph } from '@estate/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { AcademiesContext } from './context';
import { LocalAuthorityResolver } from './modules/local-authority/local-authority.resolver';
import { SchoolResolver } from './modules/school/school.resolver';
import { TrustResolver } from './modules/trust/trust.resolver';

export function buildAcademiesSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({
    resolvers: [SchoolResolver, TrustResolver, LocalAuthorityResolver],
    referenceResolvers: {
      School: {
        __resolveReference: (ref: { urn: number }, ctx: AcademiesContext) =>
          ctx.schools.find(ref.urn),
      },
      Trust: {
        __resolveReference: (ref: { groupUid: string }, ctx: AcademiesContext) =>
          ctx.trusts.find(ref.groupUid),
      },
      LocalAuthority: {
        __resolveReference: (ref: { code: string }, ctx: AcademiesContext) =>
          ctx.localAuthorities.find(ref.code),
      },
    },
  });
}
