import { Role, type Viewer, PUBLIC_VIEWER, unauthenticated, ROLES } from '@estate/subgraph-kit';
import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { JwtConfig } from '../config';

/** What a token must carry for each role, so that a scoped role can never act unscoped. */
const REQUIRED_SCOPE: Partial<Record<Role, keyof Viewer>> = {
  [Role.LocalAuthority]: 'laCode',
  [Role.Trust]: 'groupUid',
  [Role.School]: 'urn',
  [Role.MisVendor]: 'vendorId',
  [Role.Teacher]: 'trn',
};

export interface TokenClaims {
  role: Role;
  urn?: number;
  groupUid?: string;
  laCode?: string;
  vendorId?: string;
  trn?: string;
}

function key(config: JwtConfig): Uint8Array {
  return new TextEncoder().encode(config.secret);
}

const keySets = new WeakMap<JwtConfig, JWTVerifyGetKey>();

/** Production verifies against the identity provider's public keys; the set is built once per config. */
function keySet(config: JwtConfig): JWTVerifyGetKey | null {
  if (!config.jwksPath && !config.jwksUrl) return null;
  let set = keySets.get(config);
  if (!set) {
    set = config.jwksUrl
      ? createRemoteJWKSet(new URL(config.jwksUrl))
      : createLocalJWKSet(JSON.parse(readFileSync(config.jwksPath!, 'utf8')) as JSONWebKeySet);
    keySets.set(config, set);
  }
  return set;
}

function viewerFrom(payload: Record<string, unknown>): Viewer {
  const role = payload.role;
  if (typeof role !== 'string' || !ROLES.includes(role as Role) || role === Role.Public) {
    throw unauthenticated('Token has no valid role');
  }
  const viewer: Viewer = { role: role as Role };
  if (typeof payload.sub === 'string') viewer.subject = payload.sub;
  if (typeof payload.urn === 'number' && Number.isInteger(payload.urn)) viewer.urn = payload.urn;
  if (typeof payload.groupUid === 'string') viewer.groupUid = payload.groupUid;
  if (typeof payload.laCode === 'string' && /^\d{3}$/.test(payload.laCode)) {
    viewer.laCode = payload.laCode;
  }
  if (typeof payload.vendorId === 'string') viewer.vendorId = payload.vendorId;
  if (typeof payload.trn === 'string' && /^\d{7}$/.test(payload.trn)) viewer.trn = payload.trn;
  const scope = REQUIRED_SCOPE[viewer.role];
  if (scope && viewer[scope] === undefined) {
    throw unauthenticated(`A ${viewer.role} token must carry ${scope}`);
  }
  return viewer;
}

/**
 * No Authorization header means the public viewer. Anything else must verify: a bad token is an
 * error, never a silent fall back to public.
 */
export async function authenticate(
  authorization: string | undefined,
  config: JwtConfig,
): Promise<Viewer> {
  if (!authorization) return PUBLIC_VIEWER;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('Authorization must be "Bearer <token>"');
  try {
    const options = { issuer: config.issuer, audience: config.audience, requiredClaims: ['exp'] };
    const publicKeys = keySet(config);
    // Each mode accepts only its own algorithms, so a token signed with the wrong kind of key fails.
    const { payload } = publicKeys
      ? await jwtVerify(match[1]!, publicKeys, { ...options, algorithms: ['RS256', 'ES256'] })
      : await jwtVerify(match[1]!, key(config), { ...options, algorithms: ['HS256'] });
    return viewerFrom(payload);
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthenticated('Token has expired');
    if (error instanceof errors.JOSEError) throw unauthenticated('Token is not valid');
    throw error;
  }
}

export function signToken(
  claims: TokenClaims,
  config: JwtConfig,
  options: { subject?: string; expiresIn?: string } = {},
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setSubject(options.subject ?? `dev-${claims.role.toLowerCase()}`)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(key(config));
}
