import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import 'reflect-metadata';
import { buildSchema, type BuildSchemaOptions, createResolversMap } from 'type-graphql';
import { AcademicYear } from './academic-year';
import { AcademicYearScalar } from './scalars';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

export interface SubgraphSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `__resolveReference` per entity type, batched through the request's loaders. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
}

/**
 * Turns type-graphql resolvers into a Federation 2 subgraph schema. type-graphql knows nothing of
 * federation, so its schema is printed with its directives, given the federation link, and rebuilt
 * by @apollo/subgraph with the resolvers type-graphql generated.
 */
export async function buildSubgraph(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const codeFirst = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    scalarsMap: [{ type: AcademicYear, scalar: AcademicYearScalar }],
    validate: false,
    skipCheck: true,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(codeFirst)}`);
  const generated = createResolversMap(codeFirst) as GraphQLResolverMap<unknown>;
  const resolvers: GraphQLResolverMap<unknown> = { ...generated };
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(generated[typeName] as object), ...(reference as object) };
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
