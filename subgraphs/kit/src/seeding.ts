import type { MikroORM } from './db';
import type { SeedOptions, SeedScale, SubgraphModule } from './subgraph';

export type SeedOutcome = 'seeded' | 'hasData';

type Seedable = Pick<SubgraphModule, 'name' | 'schema' | 'hasData' | 'seed'>;

/** A seed that began and did not end: its schema holds part of an estate. */
export class UnfinishedSeedError extends Error {
  constructor(subgraph: Seedable, scale: string, startedAt: Date) {
    super(
      `${subgraph.name}: the ${scale} seed started at ${startedAt.toISOString()} did not finish ` +
        `(it was stopped or failed part way), so its data is incomplete and will not be served. ` +
        `To seed again, drop the "${subgraph.schema}" schema (drop schema ${subgraph.schema} cascade), ` +
        `or, on the embedded database, delete its data folder, and start again.`,
    );
    this.name = 'UnfinishedSeedError';
  }
}

/**
 * Seeds the subgraph's schema if it has no data, recording each run in `<schema>.seed_run`. A seed
 * is many transactions, so one cut short (Ctrl-C during a first `pnpm start`, a crash) leaves data
 * behind; without the record every later start would find that data and serve half an estate as if
 * it were whole. With it, the next start refuses and says how to start afresh.
 */
export async function seedIfEmpty(
  subgraph: Seedable,
  orm: MikroORM,
  scale: SeedScale,
  options: SeedOptions = {},
  onStart: (message: string) => void = () => {},
): Promise<SeedOutcome> {
  const connection = orm.em.getConnection();
  const runs = `"${subgraph.schema}".seed_run`;
  await connection.execute(
    `create table if not exists ${runs} (
       id serial primary key,
       scale text not null,
       started_at timestamptz not null default now(),
       finished_at timestamptz
     )`,
  );
  const [unfinished] = await connection.execute<{ scale: string; started_at: Date }[]>(
    `select scale, started_at from ${runs} where finished_at is null order by id limit 1`,
  );
  if (unfinished) {
    throw new UnfinishedSeedError(subgraph, unfinished.scale, new Date(unfinished.started_at));
  }
  if (await subgraph.hasData(orm)) return 'hasData';
  onStart(`${subgraph.name}: seeding the ${scale} estate`);
  const [run] = await connection.execute<{ id: number }[]>(
    `insert into ${runs} (scale) values (?) returning id`,
    [scale],
  );
  await subgraph.seed(orm, scale, options);
  await connection.execute(`update ${runs} set finished_at = now() where id = ?`, [run!.id]);
  return 'seeded';
}
