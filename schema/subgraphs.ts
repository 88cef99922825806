import type { SubgraphModule } from '@estate/subgraph-kit';

/** Every subgraph in the graph, in the order their seeds build on one another. */
export interface SubgraphEntry {
  name: string;
  port: number;
  /** Package-relative entry point of its process. */
  main: string;
  load: () => Promise<SubgraphModule>;
}

export const SUBGRAPHS: SubgraphEntry[] = [
  {
    name: 'academies',
    port: 4001,
    main: 'subgraphs/academies/src/main.ts',
    load: async () => (await import('@estate/academies')).academiesSubgraph as SubgraphModule,
  },
  {
    name: 'attendance',
    port: 4002,
    main: 'subgraphs/attendance/src/main.ts',
    load: async () => (await import('@estate/attendance')).attendanceSubgraph as SubgraphModule,
  },
  {
    name: 'inspections',
    port: 4003,
    main: 'subgraphs/inspections/src/main.ts',
    load: async () => (await import('@estate/inspections')).inspectionsSubgraph as SubgraphModule,
  },
  {
    name: 'workforce',
    port: 4004,
    main: 'subgraphs/workforce/src/main.ts',
    load: async () => (await import('@estate/workforce')).workforceSubgraph as SubgraphModule,
  },
];

export function subgraphUrl(port: number): string {
  return `http://127.0.0.1:${port}/graphql`;
}
