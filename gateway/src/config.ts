import {
  DEVELOPMENT_GATEWAY_SECRET,
  type Env,
  envInt,
  envOneOf,
  envString,
} from '@estate/subgraph-kit';
import { join } from 'node:path';
import { DEFAULT_LIMITS, type OperationLimits } from './limits/limits';
import type { TrustedDocumentsMode } from './trusted-documents/trusted-documents';

export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-change-me';

export interface JwtConfig {
  /** HS256 secret, for development and tests; ignored once a JWKS is configured. */
  secret: string;
  /** RS256/ES256 public keys, from a file or the identity provider's URL; required in production. */
  jwksPath?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

export interface GatewayConfig {
  host: string;
  port: number;
  production: boolean;
  supergraphPath: string;
  /** Overrides of the URLs composed into the supergraph, by subgraph name (`ACADEMIES_URL`, …). */
  subgraphUrls: Record<string, string>;
  gatewaySecret: string;
  jwt: JwtConfig;
  /**
   * How long one subgraph fetch may take. National figures for a whole past year group tens of
   * millions of rollup rows at England's size and take over 10 s; a shorter limit would refuse them.
   */
  subgraphTimeoutMs: number;
  /** How long a TRUST or LA viewer's resolved schools are reused before asking academies again. */
  scopeCacheMs: number;
  maxBodyBytes: number;
  limits: OperationLimits;
  /** `enforce`: public and vendor callers run only manifest documents. `off` is for tests of other things. */
  trustedDocuments: TrustedDocumentsMode;
  persistedDocumentsPath: string;
  /** Where MIS vendors' API key hashes are kept (`pnpm api-key`). */
  apiKeysPath: string;
}

export function readGatewayConfig(env: Env = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const developmentOnly = (fallback: string) => (production ? undefined : fallback);
  const jwks = Boolean(env.JWT_JWKS_PATH || env.JWT_JWKS_URL);
  if (production && !jwks) {
    throw new Error(
      'Configuration: production verifies tokens against JWT_JWKS_URL or JWT_JWKS_PATH',
    );
  }
  const subgraphUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^([A-Z]+)_URL$/.exec(name);
    if (match && value && name !== 'DATABASE_URL') subgraphUrls[match[1]!.toLowerCase()] = value;
  }
  return {
    host: envString(env, 'HOST', '127.0.0.1'),
    port: envInt(env, 'PORT', 4000),
    production,
    apiKeysPath: envString(
      env,
      'API_KEYS_PATH',
      join(__dirname, '..', '..', '.data', 'api-keys.json'),
    ),
    trustedDocuments: envOneOf(env, 'TRUSTED_DOCUMENTS', ['enforce', 'off'] as const, 'enforce'),
    persistedDocumentsPath: envString(
      env,
      'PERSISTED_DOCUMENTS_PATH',
      join(__dirname, '..', '..', 'codegen', 'generated', 'persisted-documents.json'),
    ),
    supergraphPath: envString(
      env,
      'SUPERGRAPH_PATH',
      join(__dirname, '..', '..', 'schema', 'supergraph.graphql'),
    ),
    subgraphUrls,
    gatewaySecret: envString(env, 'GATEWAY_SECRET', developmentOnly(DEVELOPMENT_GATEWAY_SECRET)),
    jwt: {
      secret:
        env.JWT_SECRET ||
        (jwks ? '' : envString(env, 'JWT_SECRET', developmentOnly(DEVELOPMENT_JWT_SECRET))),
      ...(env.JWT_JWKS_PATH ? { jwksPath: env.JWT_JWKS_PATH } : {}),
      ...(env.JWT_JWKS_URL ? { jwksUrl: env.JWT_JWKS_URL } : {}),
      issuer: envString(env, 'JWT_ISSUER', 'estate-graph'),
      audience: envString(env, 'JWT_AUDIENCE', 'estate-graph'),
    },
    subgraphTimeoutMs: envInt(env, 'SUBGRAPH_TIMEOUT_MS', 30_000),
    scopeCacheMs: envInt(env, 'SCOPE_CACHE_MS', 60_000),
    // Register submissions from MIS vendors carry a school-day of marks in their variables.
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 5 * 1024 * 1024),
    limits: {
      ...DEFAULT_LIMITS,
      maxCost: envInt(env, 'MAX_OPERATION_COST', DEFAULT_LIMITS.maxCost),
      rateLimitPointsPerMinute: envInt(
        env,
        'RATE_LIMIT_POINTS_PER_MINUTE',
        DEFAULT_LIMITS.rateLimitPointsPerMinute,
      ),
    },
  };
}
