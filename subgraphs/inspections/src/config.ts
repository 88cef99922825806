import { type Env, readSubgraphConfig, type SubgraphConfig } from '@estate/subgraph-kit';

export type InspectionsConfig = SubgraphConfig;

export function readInspectionsConfig(env: Env): InspectionsConfig {
  return readSubgraphConfig(env, 'inspections', 4003);
}
