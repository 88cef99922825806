import { type Env, envOneOf, readSubgraphConfig, type SubgraphConfig } from '@estate/subgraph-kit';

export const SEED_SCALES = ['demo', 'national', 'none'] as const;
export type SeedScale = (typeof SEED_SCALES)[number];

export interface AcademiesConfig extends SubgraphConfig {
  /** What to seed on start when the schema holds no schools yet. */
  seedOnStart: SeedScale;
}

export function readAcademiesConfig(env: Env = process.env): AcademiesConfig {
  return {
    ...readSubgraphConfig(env, 'academies', 4001),
    seedOnStart: envOneOf(env, 'SEED', SEED_SCALES, 'none'),
  };
}
