import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  graphqlHttpHandler,
  listen,
  maskInternalErrors,
  unauthenticated,
  type RunningHttpServer,
} from '@estate/subgraph-kit';
import { readFileSync } from 'node:fs';
import { ApiKeyStore } from './auth/api-keys';
import { authenticate } from './auth/jwt';
import { ScopeResolver } from './auth/scope';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { SignedDataSource } from './datasource';
import { operationLimitsPlugin } from './limits/limits';
import {
  ManifestCache,
  readManifest,
  trustedDocumentsPlugin,
} from './trusted-documents/trusted-documents';

export interface GatewayServer {
  listen(port?: number): Promise<RunningHttpServer>;
}

/** The gateway on the committed static supergraph: it authenticates, then signs the viewer onwards. */
export function createGatewayServer(config: GatewayConfig): GatewayServer {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const subgraphUrls = { ...subgraphUrlsIn(supergraphSdl), ...config.subgraphUrls };
  // @apollo/gateway otherwise sends usage metrics to Apollo and probes cloud metadata addresses.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new SignedDataSource(
        subgraphUrls[name] ?? '',
        config.gatewaySecret,
        config.subgraphTimeoutMs,
      ),
  });
  const scopes = new ScopeResolver(
    subgraphUrls.academies ?? '',
    config.gatewaySecret,
    config.scopeCacheMs,
    config.subgraphTimeoutMs,
  );
  const manifest = readManifest(config.persistedDocumentsPath);
  const apiKeys = new ApiKeyStore(config.apiKeysPath);
  /** MIS vendors present an API key; people and internal apps a bearer token; nobody both. */
  const identify = async (apiKey: string | undefined, authorization: string | undefined) => {
    if (apiKey && authorization)
      throw unauthenticated('Send an API key or a bearer token, not both');
    if (apiKey) return apiKeys.authenticate(apiKey);
    return scopes.withScope(await authenticate(authorization, config.jwt));
  };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    persistedQueries: { cache: new ManifestCache(manifest) },
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // graphql-js counts the end-of-file token too; the limit is on the tokens a client wrote.
    parseOptions: { maxTokens: config.limits.maxTokens + 1 },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      trustedDocumentsPlugin(manifest, config.trustedDocuments),
      operationLimitsPlugin(config.limits),
    ],
    formatError: maskInternalErrors('gateway'),
  });
  const handler = graphqlHttpHandler<GatewayContext>({
    apollo,
    maxBodyBytes: config.maxBodyBytes,
    context: async ({ headers, requestId, remoteAddress }) => ({
      viewer: await identify(headers.get('x-api-key'), headers.get('authorization')),
      requestId,
      clientAddress: remoteAddress,
    }),
  });
  return {
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

/** The URL each subgraph was composed with, from the supergraph's join__Graph enum. */
function subgraphUrlsIn(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls[match[1]!] = match[2]!;
  }
  return urls;
}
