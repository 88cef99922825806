import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  graphqlHttpHandler,
  listen,
  maskInternalErrors,
  unauthenticated,
  type RunningHttpServer,
  type Viewer,
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
        name,
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
  const verifiedTokens = new VerifiedTokens(config);
  /** MIS vendors present an API key; people and internal apps a bearer token; nobody both. */
  const identify = async (apiKey: string | undefined, authorization: string | undefined) => {
    if (apiKey && authorization)
      throw unauthenticated('Send an API key or a bearer token, not both');
    if (apiKey) return apiKeys.authenticate(apiKey);
    return scopes.withScope(await verifiedTokens.viewerOf(authorization));
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

/** How long a verified token's viewer is reused, at most; never past the token's own expiry. */
const VERIFIED_TOKEN_REUSE_MS = 60_000;
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Clients send the same bearer token on every request; verifying its signature again each time is
 * work with a known answer until it expires. Only successful verifications are kept, each until
 * the earlier of the token's `exp` and a minute, so expiry is still enforced to the second.
 */
class VerifiedTokens {
  private readonly viewers = new Map<string, { viewer: Viewer; reuseUntil: number }>();

  constructor(private readonly config: GatewayConfig) {}

  async viewerOf(authorization: string | undefined): Promise<Viewer> {
    if (!authorization) return authenticate(authorization, this.config.jwt);
    const now = Date.now();
    const kept = this.viewers.get(authorization);
    if (kept && kept.reuseUntil > now) return kept.viewer;
    const viewer = await authenticate(authorization, this.config.jwt);
    const expiresAt = expiryOf(authorization);
    if (expiresAt !== null) {
      if (this.viewers.size >= MAX_VERIFIED_TOKENS) this.viewers.clear();
      this.viewers.set(authorization, {
        viewer,
        reuseUntil: Math.min(expiresAt, now + VERIFIED_TOKEN_REUSE_MS),
      });
    }
    return viewer;
  }
}

/** The `exp` of a token that has just verified, in ms; null when it has none (then never kept). */
function expiryOf(authorization: string): number | null {
  const payload = authorization.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return null;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** The URL each subgraph was composed with, from the supergraph's join__Graph enum. */
function subgraphUrlsIn(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls[match[1]!] = match[2]!;
  }
  return urls;
}
