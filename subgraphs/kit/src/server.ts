import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphConfig } from './config';
import { maskInternalErrors } from './error-masking';
import type { MikroORM } from './db';
import { graphqlHttpHandler, listen, type RunningHttpServer } from './http';
import { verifyViewer, type Viewer } from './viewer';

export interface SubgraphContextBase extends BaseContext {
  viewer: Viewer;
  requestId: string;
}

export interface SubgraphServerOptions<TContext extends SubgraphContextBase> {
  config: SubgraphConfig;
  schema: GraphQLSchema;
  orm: MikroORM;
  /** Builds the per-request context: a forked entity manager and fresh loaders, never shared. */
  createContext: (viewer: Viewer, requestId: string) => TContext;
}

export interface SubgraphServer {
  apollo: ApolloServer<SubgraphContextBase>;
  /** Listens on the configured port, or on `port` (0 picks a free one, as tests do). */
  listen(port?: number): Promise<RunningHttpServer>;
}

/**
 * A subgraph's HTTP server. Every request must carry the gateway's signed viewer; without it the
 * context function refuses with 401 before any resolver runs.
 */
export function createSubgraphServer<TContext extends SubgraphContextBase>(
  options: SubgraphServerOptions<TContext>,
): SubgraphServer {
  const { config } = options;
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Traces would tell clients how long our SQL takes; we do not report to Apollo's cloud.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    formatError: maskInternalErrors(config.name),
  });
  const handler = graphqlHttpHandler({
    apollo,
    maxBodyBytes: config.maxBodyBytes,
    context: async ({ headers, requestId }) => {
      const viewer = verifyViewer(headers, config.gatewaySecret, config.viewerMaxAgeSeconds);
      return options.createContext(viewer, requestId);
    },
    ready: () => options.orm.isConnected(),
  });
  return {
    apollo: apollo as unknown as ApolloServer<SubgraphContextBase>,
    async listen(port = config.port) {
      await apollo.start();
      const running = await listen(handler, config.host, port);
      return {
        ...running,
        close: async () => {
          await running.close();
          await apollo.stop();
        },
      };
    },
  };
}
