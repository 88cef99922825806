import type { GraphQLSchema } from 'graphql';

/** Every subgraph in the graph, with the port it listens on by default. */
export interface SubgraphEntry {
  name: string;
  port: number;
  buildSchema: () => Promise<GraphQLSchema>;
}

export const SUBGRAPHS: SubgraphEntry[] = [
  {
    name: 'academies',
    port: 4001,
    buildSchema: async () => (await import('@estate/academies/src/schema')).buildAcademiesSchema(),
  },
];

export function subgraphUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}
