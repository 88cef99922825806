import {
  type Constructor,
  DefaultLogger,
  type LoggerOptions,
  type MigrationObject,
  type Options,
} from '@mikro-orm/core';
import { type Migration, Migrator } from '@mikro-orm/migrations';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import pg from 'pg';

export { MikroORM };
export type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Records every SQL statement the ORM sends. Tests use it to prove that lists and `_entities` are
 * batched: a count that grows with the number of rows is an N+1.
 */
export class QueryLog {
  readonly statements: string[] = [];

  get count(): number {
    return this.statements.length;
  }

  reset(): void {
    this.statements.length = 0;
  }

  /** Runs `work` and returns how many statements it sent, ignoring those sent before. */
  async countDuring(work: () => Promise<unknown>): Promise<number> {
    const before = this.statements.length;
    await work();
    return this.statements.length - before;
  }
}

class RecordingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly queryLog: QueryLog,
  ) {
    super(options);
  }

  override logQuery(context: Parameters<DefaultLogger['logQuery']>[0]): void {
    this.queryLog.statements.push(context.query);
    super.logQuery(context);
  }
}

export interface OrmOptions {
  databaseUrl: string;
  /** Each subgraph owns one PostgreSQL schema and never reads another's. */
  schema: string;
  entities: NonNullable<Options['entities']>;
  migrations: (MigrationObject | Constructor<Migration>)[];
  queryLog?: QueryLog;
  poolSize?: number;
  /** PostgreSQL settings for every pooled connection, e.g. `{ work_mem: '64MB' }`. */
  sessionSettings?: Record<string, string>;
}

type PooledConnection = { query(sql: string, callback: (error: Error | null) => void): void };

function applySettings(settings: Record<string, string>) {
  const statements = Object.entries(settings)
    .map(([name, value]) => `set ${name} = '${value.replace(/'/g, "''")}'`)
    .join('; ');
  return (connection: PooledConnection, done: (error: Error | null, c: unknown) => void) =>
    connection.query(statements, (error) => done(error, connection));
}

export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  const { queryLog } = options;
  return MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      tableName: `${options.schema}.mikro_orm_migrations`,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    pool: {
      min: 0,
      max: options.poolSize ?? 10,
      ...(options.sessionSettings ? { afterCreate: applySettings(options.sessionSettings) } : {}),
    },
    allowGlobalContext: false,
    forceUndefined: false,
    ...(queryLog ? { loggerFactory: (o: LoggerOptions) => new RecordingLogger(o, queryLog) } : {}),
  });
}

/** Refused connections and "the database system is starting up": a server not up yet. */
function isStartingUp(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === 'ENOENT' || code === '57P03';
}

/**
 * Resolves once the server at `url` accepts connections, so that a process started alongside its
 * database (as `pnpm start` starts them, to overlap their start-up) waits rather than fails. Any
 * other failure, a wrong password say, is thrown at once.
 */
export async function waitForDatabase(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (!isStartingUp(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Brings the subgraph's schema up to date; safe to run on every start. */
export async function migrate(orm: MikroORM, schema: string): Promise<void> {
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  await orm.getMigrator().up();
}
