import { readGatewayConfig } from '@estate/gateway/src/config';
import { createGatewayServer } from '@estate/gateway/src/server';
import { type MikroORM, QueryLog, type RunningHttpServer } from '@estate/subgraph-kit';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPHS } from '../../../schema/subgraphs';
import { BENCH_SECRETS } from '../viewers';

/** One subgraph call the gateway made, as it crossed the recording proxy. */
export interface RecordedFetch {
  subgraph: string;
  body: string;
  headers: Record<string, string>;
  startedAt: number;
  finishedAt: number;
}

interface InProcessSubgraph {
  name: string;
  orm: MikroORM;
  queryLog: QueryLog;
  server: RunningHttpServer;
  proxy: Server;
  proxyUrl: string;
}

/**
 * The graph in this process, against the bench database: subgraphs whose SQL statements are
 * counted, each behind a recording proxy, and our gateway in front. Used where the bench must see
 * inside (statements per fetch, the calls a plan makes); load is measured on child processes.
 */
export interface InProcessGraph {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  fetches: RecordedFetch[];
  statementsBySubgraph(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function startRecordingProxy(
  subgraph: string,
  targetUrl: string,
  fetches: RecordedFetch[],
): Promise<Server> {
  const target = new URL(targetUrl);
  const proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = Object.fromEntries(
        Object.entries(incoming.headers).map(([k, v]) => [k, String(v)]),
      );
      const startedAt = performance.now();
      const forward = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers,
          agent,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          answer.on('end', () =>
            fetches.push({
              subgraph,
              body: body.toString('utf8'),
              headers,
              startedAt,
              finishedAt: performance.now(),
            }),
          );
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(body);
    });
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

export async function startInProcessGraph(databaseUrl: string): Promise<InProcessGraph> {
  const env = { NODE_ENV: 'production', DATABASE_URL: databaseUrl, ...BENCH_SECRETS };
  const fetches: RecordedFetch[] = [];
  const subgraphs: InProcessSubgraph[] = [];
  for (const entry of SUBGRAPHS) {
    const module = await entry.load();
    const queryLog = new QueryLog();
    const orm = await module.createOrm(databaseUrl, queryLog);
    const server = await (await module.createServer(module.readConfig(env), { orm })).listen(0);
    const proxy = await startRecordingProxy(entry.name, server.url, fetches);
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
    subgraphs.push({ name: entry.name, orm, queryLog, server, proxy, proxyUrl });
  }
  const gateway = await createGatewayServer(
    readGatewayConfig({
      ...env,
      NODE_ENV: 'bench',
      TRUSTED_DOCUMENTS: 'off',
      RATE_LIMIT_POINTS_PER_MINUTE: '1000000000',
      MAX_OPERATION_COST: '1000000000',
      ...Object.fromEntries(subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, s.proxyUrl])),
    }),
  ).listen(0);
  return {
    gatewayUrl: gateway.url,
    subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.server.url])),
    fetches,
    statementsBySubgraph: () =>
      Object.fromEntries(subgraphs.map((s) => [s.name, s.queryLog.count])),
    reset() {
      fetches.length = 0;
      for (const s of subgraphs) s.queryLog.reset();
    },
    async close() {
      await gateway.close();
      for (const s of subgraphs) {
        await new Promise((resolve) => s.proxy.close(resolve));
        await s.server.close();
        await s.orm.close();
      }
      agent.destroy();
    },
  };
}
