import {
  migrate,
  type MikroORM,
  PUBLIC_VIEWER,
  QueryLog,
  type RunningHttpServer,
  signViewer,
} from '@estate/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import type { Inspection } from '../src/domain/inspection';
import { writeInspections } from '../src/import/inspection-writer';
import { inspectionsSubgraph } from '../src/index';

export const GATEWAY_SECRET = 'inspections-test-secret';

/** The inspections subgraph alone, on a real port and a database of its own. */
export interface SubgraphUnderTest {
  orm: MikroORM;
  queryLog: QueryLog;
  server: RunningHttpServer;
  database: TestDatabase;
  /** Posts as the gateway would, with a signed (public) viewer. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; data?: T; errors?: { message: string }[] }>;
  /** Adds inspections as they would be imported. */
  add(inspections: Inspection[], numberOfPupils?: number | null): Promise<void>;
  close(): Promise<void>;
}

export async function startInspectionsSubgraph(
  label: string,
  seed = true,
): Promise<SubgraphUnderTest> {
  const database = await createTestDatabase(label);
  const queryLog = new QueryLog();
  const orm = await inspectionsSubgraph.createOrm(database.url, queryLog);
  await migrate(orm, inspectionsSubgraph.schema);
  if (seed) await inspectionsSubgraph.seed(orm, 'demo');
  const config = inspectionsSubgraph.readConfig({
    NODE_ENV: 'test',
    GATEWAY_SECRET,
    DATABASE_URL: database.url,
  });
  const server = await (await inspectionsSubgraph.createServer(config, { orm })).listen(0);
  return {
    orm,
    queryLog,
    server,
    database,
    async query(query, variables) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signViewer(PUBLIC_VIEWER, GATEWAY_SECRET),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async add(inspections, numberOfPupils = null) {
      await orm.em.fork().transactional((em) =>
        writeInspections(
          em,
          inspections.map((inspection) => ({ inspection, numberOfPupils })),
          'test',
          'replace',
        ),
      );
    },
    async close() {
      await server.close();
      await orm.close();
      await database.drop();
    },
  };
}
