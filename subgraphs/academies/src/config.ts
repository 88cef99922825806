import { type Env, readSubgraphConfig, type SubgraphConfig } from '@estate/subgraph-kit';

export type AcademiesConfig = SubgraphConfig;

export function readAcademiesConfig(env: Env): AcademiesConfig {
  return readSubgraphConfig(env, 'academies', 4001);
}
