import type { GraphQLSchema } from 'graphql';
import type { Env, SubgraphConfig } from './config';
import type { IsoDate } from './dates';
import { type MikroORM, migrate, type QueryLog, waitForDatabase } from './db';
import { runUntilSignalled } from './main';
import { seedIfEmpty } from './seeding';
import type { SubgraphServer } from './server';

export type SeedScale = 'demo' | 'national';

/** Schools named by URN or by LA code (all of that LA's schools). */
export interface SchoolSelection {
  urns: readonly number[];
  laCodes: readonly string[];
}

export interface SeedOptions {
  /** Schools the national scale gives pupil-level registers instead of rollups alone. */
  pupilRegisters?: SchoolSelection;
  /**
   * The day the seed takes for today, registers running to the day before; the real today unless
   * pinned, as the end-to-end tests pin it so that the dates they ask about stay seeded.
   */
  asOf?: IsoDate;
}

/**
 * What each subgraph package exports, so that its process, the compose script, the launcher and the
 * end-to-end tests all start it the same way.
 */
export interface SubgraphModule<TConfig extends SubgraphConfig = SubgraphConfig> {
  name: string;
  /** The PostgreSQL schema it owns. */
  schema: string;
  readConfig(env: Env): TConfig;
  createOrm(databaseUrl: string, queryLog?: QueryLog): Promise<MikroORM>;
  buildSchema(): Promise<GraphQLSchema>;
  createServer(config: TConfig, deps: { orm: MikroORM }): Promise<SubgraphServer>;
  hasData(orm: MikroORM): Promise<boolean>;
  /** The scales its seed can make; asked for another, the launcher leaves it empty and says so. */
  seedScales: readonly SeedScale[];
  seed(orm: MikroORM, scale: SeedScale, options?: SeedOptions): Promise<void>;
  /**
   * Throws if `seed` could not honour these options (a school it does not know, say), so that the
   * launcher can refuse before any subgraph writes.
   */
  checkSeedOptions?(scale: SeedScale, options: SeedOptions): void;
  /** Bulk loaders by the name users type after `pnpm import`, given the rest of the command line. */
  importers?: Record<string, Importer>;
}

export interface Importer {
  usage: string;
  run(orm: MikroORM, args: string[]): Promise<void>;
}

/** A subgraph's `main.ts`: migrate, seed an empty schema when asked (SEED), serve, drain on signal. */
export function runSubgraph<TConfig extends SubgraphConfig>(
  subgraph: SubgraphModule<TConfig>,
  env: Env,
): void {
  void runUntilSignalled(subgraph.name, async () => {
    const config = subgraph.readConfig(env);
    await waitForDatabase(config.databaseUrl);
    const orm = await subgraph.createOrm(config.databaseUrl);
    await migrate(orm, subgraph.schema);
    const scale = env.SEED;
    const seedable = subgraph.seedScales.find((known) => known === scale);
    if (scale && !seedable && scale !== 'none') {
      console.log(`${subgraph.name}: has no ${scale} seed yet; left as it is`);
    }
    if (seedable) await seedIfEmpty(subgraph, orm, seedable, {}, console.log);
    const running = await (await subgraph.createServer(config, { orm })).listen();
    return {
      url: running.url,
      close: async () => {
        await running.close();
        await orm.close();
      },
    };
  });
}
