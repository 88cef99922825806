/**
 * Helpers for each app's `config.ts`, the only module allowed to read `process.env`. They fail at start,
 * naming the variable, rather than letting a typo surface as a wrong default at request time.
 */
export type Env = Record<string, string | undefined>;

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function envString(env: Env, name: string, fallback?: string): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`Configuration: ${name} must be set`);
}

export function envInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`Configuration: ${name} must be a whole number`);
  return value;
}

export function envOneOf<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`Configuration: ${name} must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

/** What every subgraph needs to run; each subgraph's own config extends it. */
export interface SubgraphConfig {
  name: string;
  host: string;
  port: number;
  databaseUrl: string;
  /** Shared with the gateway; signs the viewer header so that only the gateway can call us. */
  gatewaySecret: string;
  /** How old a signed viewer header may be, which bounds replays of a captured header. */
  viewerMaxAgeSeconds: number;
  maxBodyBytes: number;
  production: boolean;
}

export const DEVELOPMENT_GATEWAY_SECRET = 'development-only-gateway-secret';

export function readSubgraphConfig(env: Env, name: string, defaultPort: number): SubgraphConfig {
  const production = env.NODE_ENV === 'production';
  const prefix = name.toUpperCase();
  const gatewaySecret = envString(
    env,
    'GATEWAY_SECRET',
    production ? undefined : DEVELOPMENT_GATEWAY_SECRET,
  );
  return {
    name,
    host: envString(env, 'HOST', '127.0.0.1'),
    port: envInt(env, `${prefix}_PORT`, defaultPort),
    databaseUrl: envString(
      env,
      `${prefix}_DATABASE_URL`,
      envString(env, 'DATABASE_URL', DEFAULT_DATABASE_URL),
    ),
    gatewaySecret,
    viewerMaxAgeSeconds: envInt(env, 'VIEWER_MAX_AGE_SECONDS', 60),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 5 * 1024 * 1024),
    production,
  };
}
