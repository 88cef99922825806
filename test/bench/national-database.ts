import { migrate } from '@estate/subgraph-kit';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_DATABASE_URL } from '@estate/subgraph-kit/src/config';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { REPO_ROOT } from './processes';

/**
 * The national database of scenario 5: every subgraph migrated, academies seeded at `national`
 * (seconds) and attendance at `national` (about 5 minutes for 20,969 schools). That seed is the
 * longest step of the whole bench, so it is made once and kept, under a name that carries a
 * fingerprint of everything it is built from (both national seeds and every migration); a later
 * run whose fingerprint matches, and whose marker says the seed finished, reuses it. A changed seed
 * or migration gives a new name, and stale national databases are dropped. `--reseed-national`
 * forces a fresh one. Rollups run to the day before the seed; later runs read the same rows.
 */
const SOURCES = [
  'subgraphs/academies/src/seed/national-estate.ts',
  'subgraphs/academies/src/seed/seed.ts',
  'subgraphs/attendance/src/seed/national.ts',
  'subgraphs/attendance/src/seed/seed.ts',
];
const MIGRATION_FOLDERS = SUBGRAPHS.map((s) => `subgraphs/${s.name}/src/migrations`);
const PREFIX = 'estate_bench_national_';
const MARKER = 'public.bench_national_seed';

export interface NationalDatabase {
  name: string;
  url: string;
  reused: boolean;
  /** When the seed finished (the rollups run to the day before). */
  seededAt: string;
  seedSeconds: number;
  /** This run's seeding time, 0 when reused. */
  secondsThisRun: number;
}

function fingerprint(): string {
  const hash = createHash('sha256');
  const files = [
    ...SOURCES,
    ...MIGRATION_FOLDERS.flatMap((folder) =>
      readdirSync(join(REPO_ROOT, folder))
        .sort()
        .map((file) => `${folder}/${file}`),
    ),
  ];
  for (const file of files) hash.update(file).update(readFileSync(join(REPO_ROOT, file)));
  return hash.digest('hex').slice(0, 12);
}

function serverUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

function urlOf(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function readMarker(
  name: string,
): Promise<{ seededAt: string; seedSeconds: number } | undefined> {
  const client = new pg.Client({ connectionString: urlOf(name) });
  await client.connect();
  try {
    const result = await client.query<{ seeded_at: Date; seed_seconds: number }>(
      `select seeded_at, seed_seconds from ${MARKER} where finished`,
    );
    const row = result.rows[0];
    return row
      ? { seededAt: row.seeded_at.toISOString(), seedSeconds: Number(row.seed_seconds) }
      : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}

export async function ensureNationalDatabase(
  log: (line: string) => void,
  options: { reseed?: boolean } = {},
): Promise<NationalDatabase> {
  const name = `${PREFIX}${fingerprint()}`;
  const existing = await withAdmin(async (admin) => {
    const rows = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like '${PREFIX}%'`,
    );
    const names = rows.rows.map((r) => r.datname);
    for (const stale of names.filter((n) => n !== name)) {
      log(`  dropping stale national database ${stale}`);
      await admin.query(`drop database if exists "${stale}" with (force)`);
    }
    return names.includes(name);
  });
  if (existing && !options.reseed) {
    const marker = await readMarker(name);
    if (marker) {
      log(
        `  reusing ${name}, seeded ${marker.seededAt} in ${marker.seedSeconds.toFixed(0)} s (--reseed-national to seed again)`,
      );
      return { name, url: urlOf(name), reused: true, ...marker, secondsThisRun: 0 };
    }
  }
  await withAdmin(async (admin) => {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  });
  const url = urlOf(name);
  const started = Date.now();
  try {
    for (const entry of SUBGRAPHS) {
      const subgraph = await entry.load();
      const orm = await subgraph.createOrm(url);
      try {
        await migrate(orm, subgraph.schema);
        if (entry.name === 'academies') {
          log('  academies: national estate');
          await subgraph.seed(orm, 'national');
        } else if (entry.name === 'attendance') {
          log('  attendance: national rollups (the long step, about 5 minutes)');
          const { seedNational } = await import('@estate/attendance/src/seed/seed');
          await seedNational(orm, { onProgress: (line) => log(`    ${line}`) });
        }
      } finally {
        await orm.close();
      }
    }
  } catch (error) {
    await withAdmin((admin) => admin.query(`drop database if exists "${name}" with (force)`));
    throw error;
  }
  const seedSeconds = (Date.now() - started) / 1000;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `create table ${MARKER} (seeded_at timestamptz not null, seed_seconds double precision not null, finished boolean not null)`,
    );
    await client.query(`insert into ${MARKER} values (now(), $1, true)`, [seedSeconds]);
    const row = await client.query<{ seeded_at: Date }>(`select seeded_at from ${MARKER}`);
    log(`  seeded ${name} in ${seedSeconds.toFixed(0)} s`);
    return {
      name,
      url,
      reused: false,
      seededAt: row.rows[0]!.seeded_at.toISOString(),
      seedSeconds,
      secondsThisRun: seedSeconds,
    };
  } finally {
    await client.end();
  }
}
