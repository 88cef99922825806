import { SUBGRAPHS } from '../../schema/subgraphs';
import type { GatewayName, GatewayUnderTest } from './gateway-scenario';
import { SUPERGRAPH_PATH } from './operations';
import { type BenchProcess, startNodeProcess, waitUntilHealthy } from './processes';
import { BENCH_SECRETS } from './viewers';

/** Ports away from `pnpm start`'s 4000–4004, so that a running dev graph does not collide. */
const FIRST_SUBGRAPH_PORT = 47_101;
const GATEWAY_PORTS: Record<GatewayName, number> = { estate: 47_110, apollo: 47_111, hive: 47_112 };

/** Effectively no rate limit or cost ceiling: the bench measures throughput, not refusals. */
const UNLIMITED = String(1_000_000_000);

export interface RunningSubgraphs {
  urls: Record<string, string>;
  processes: BenchProcess[];
}

export async function startSubgraphProcesses(databaseUrl: string): Promise<RunningSubgraphs> {
  const processes: BenchProcess[] = [];
  const urls: Record<string, string> = {};
  try {
    await Promise.all(
      SUBGRAPHS.map(async (entry, index) => {
        const port = FIRST_SUBGRAPH_PORT + index;
        const child = startNodeProcess(entry.name, entry.main, {
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl,
          SEED: 'none',
          [`${entry.name.toUpperCase()}_PORT`]: String(port),
          GATEWAY_SECRET: BENCH_SECRETS.GATEWAY_SECRET,
        });
        processes.push(child);
        await waitUntilHealthy(child, `http://127.0.0.1:${port}/healthz`);
        urls[entry.name] = `http://127.0.0.1:${port}/graphql`;
      }),
    );
  } catch (error) {
    await Promise.all(processes.map((p) => p.stop()));
    throw error;
  }
  return { urls, processes };
}

const GATEWAY_ENTRIES: Record<GatewayName, { entry: string; description: string }> = {
  estate: { entry: 'gateway/src/main.ts', description: 'Estate Graph gateway (ours, tuned)' },
  apollo: {
    entry: 'test/bench/gateways/apollo-baseline.ts',
    description: '@apollo/gateway + @apollo/server, defaults',
  },
  hive: {
    entry: 'test/bench/gateways/hive.ts',
    description: '@graphql-hive/gateway runtime, defaults',
  },
};

export interface StartedGateway extends GatewayUnderTest {
  process: BenchProcess;
}

/** Waits until the gateway answers a GraphQL request, which all three gateways understand. */
async function waitUntilAnswering(process: BenchProcess, url: string, token: string) {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (process.child.exitCode !== null) {
      throw new Error(`${process.name} exited:\n${process.recentOutput()}`);
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ localAuthorities { code } }' }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${process.name} did not answer within 120 s:\n${process.recentOutput()}`);
}

export async function startGateway(
  name: GatewayName,
  subgraphUrls: Record<string, string>,
  viewersPath: string,
  readinessToken: string,
  nodeArguments: string[] = [],
  /** Environment on top of the bench's, e.g. a longer SUBGRAPH_TIMEOUT_MS for scenario 5. */
  extraEnv: Record<string, string> = {},
): Promise<StartedGateway> {
  const port = GATEWAY_PORTS[name];
  const { entry, description } = GATEWAY_ENTRIES[name];
  const child = startNodeProcess(
    `gateway:${name}`,
    entry,
    {
      // Not `production`: ours then insists on a JWKS, and the bench's tokens are HS256 like dev's.
      // All three run with the same value, so none gets a mode the others do not.
      NODE_ENV: 'bench',
      PORT: String(port),
      ...BENCH_SECRETS,
      SUPERGRAPH_PATH,
      BENCH_VIEWERS_PATH: viewersPath,
      BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
      TRUSTED_DOCUMENTS: 'off',
      RATE_LIMIT_POINTS_PER_MINUTE: UNLIMITED,
      MAX_OPERATION_COST: UNLIMITED,
      ...Object.fromEntries(
        Object.entries(subgraphUrls).map(([subgraph, url]) => [
          `${subgraph.toUpperCase()}_URL`,
          url,
        ]),
      ),
      ...extraEnv,
    },
    nodeArguments,
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitUntilAnswering(child, url, readinessToken);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { name, description, url, pid: child.pid, process: child };
}
