import { createGatewayServer } from '@estate/gateway/src/server';
import { readGatewayConfig } from '@estate/gateway/src/config';
import { signToken, type TokenClaims } from '@estate/gateway/src/auth/jwt';
import {
  type MikroORM,
  QueryLog,
  type RunningHttpServer,
  type SubgraphModule,
} from '@estate/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import { inject } from 'vitest';
import { SUBGRAPHS } from '../../schema/subgraphs';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  headers: Headers;
}

export interface RunningSubgraph {
  module: SubgraphModule;
  orm: MikroORM;
  queryLog: QueryLog;
  server: RunningHttpServer;
}

/**
 * The whole graph on real ports against a database of its own, copied from the demo template that
 * the e2e project's global setup migrated and seeded, with the gateway in front.
 */
export interface TestGraph {
  gatewayUrl: string;
  subgraphs: Record<string, RunningSubgraph>;
  database: TestDatabase;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  token(claims: TokenClaims): Promise<string>;
  /** Another gateway over the same subgraphs, with settings of its own (a lower limit, say). */
  startGateway(env: Record<string, string>): Promise<RunningHttpServer>;
  close(): Promise<void>;
}

export const TEST_ENV = {
  NODE_ENV: 'test',
  // Suites query as the public viewer freely; test/e2e/trusted-documents runs with enforcement on.
  TRUSTED_DOCUMENTS: 'off',
  GATEWAY_SECRET: 'test-gateway-secret',
  JWT_SECRET: 'test-jwt-secret',
};

export async function postGraphQL<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  return { ...json, status: response.status, headers: response.headers };
}

export async function startTestGraph(label: string): Promise<TestGraph> {
  const database = await createTestDatabase(label, { template: inject('demoTemplateDatabase') });
  const subgraphs: Record<string, RunningSubgraph> = {};
  try {
    for (const entry of SUBGRAPHS) {
      const module = await entry.load();
      const queryLog = new QueryLog();
      const orm = await module.createOrm(database.url, queryLog);
      const config = module.readConfig({ ...TEST_ENV, DATABASE_URL: database.url });
      const server = await (await module.createServer(config, { orm })).listen(0);
      subgraphs[entry.name] = { module, orm, queryLog, server };
    }
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((s) => s.server.close()));
    await Promise.all(Object.values(subgraphs).map((s) => s.orm.close()));
    await database.drop();
    throw error;
  }
  const urls = Object.fromEntries(
    Object.entries(subgraphs).map(([name, s]) => [`${name.toUpperCase()}_URL`, s.server.url]),
  );
  const gatewayConfig = readGatewayConfig({ ...TEST_ENV, ...urls });
  const gateway = await createGatewayServer(gatewayConfig).listen(0);
  const extraGateways: RunningHttpServer[] = [];

  return {
    gatewayUrl: gateway.url,
    subgraphs,
    database,
    query: (query, variables, options = {}) =>
      postGraphQL(
        gateway.url,
        { query, variables },
        {
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
      ),
    token: (claims) => signToken(claims, gatewayConfig.jwt),
    async startGateway(env) {
      const extra = await createGatewayServer(
        readGatewayConfig({ ...TEST_ENV, ...urls, ...env }),
      ).listen(0);
      extraGateways.push(extra);
      return extra;
    },
    async close() {
      for (const extra of extraGateways) await extra.close();
      await gateway.close();
      for (const subgraph of Object.values(subgraphs)) {
        await subgraph.server.close();
        await subgraph.orm.close();
      }
      await database.drop();
    },
  };
}
