import { type Env, envInt, envOneOf, envString } from '@estate/subgraph-kit';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface LaunchConfig {
  /** Set: use that server. Unset: run the embedded PostgreSQL under `.data/`. */
  databaseUrl: string | undefined;
  embeddedPort: number;
  embeddedDataDir: string;
  gatewayPort: number;
  seed: 'demo' | 'national' | 'none';
}

export function readLaunchConfig(env: Env = process.env): LaunchConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPort: envInt(env, 'EMBEDDED_PG_PORT', 54329),
    embeddedDataDir: envString(env, 'EMBEDDED_PG_DIR', join(REPO_ROOT, '.data', 'postgres')),
    gatewayPort: envInt(env, 'PORT', 4000),
    seed: envOneOf(env, 'SEED', ['demo', 'national', 'none'] as const, 'demo'),
  };
}
