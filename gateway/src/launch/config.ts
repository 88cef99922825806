import {
  type Env,
  envInt,
  envOneOf,
  envString,
  type SchoolSelection,
  type SeedOptions,
  type SeedScale,
} from '@estate/subgraph-kit';
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
