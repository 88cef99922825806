import { authenticate, signToken, type TokenClaims } from '@estate/gateway/src/auth/jwt';
import { ScopeResolver } from '@estate/gateway/src/auth/scope';
import type { JwtConfig } from '@estate/gateway/src/config';
import { PUBLIC_VIEWER, Role, signViewer, type Viewer } from '@estate/subgraph-kit';
import { readFileSync } from 'node:fs';

/** The secrets every process of the bench shares; development-style, loopback only. */
export const BENCH_SECRETS = {
  GATEWAY_SECRET: 'bench-gateway-secret',
  JWT_SECRET: 'bench-jwt-secret',
};

export const BENCH_JWT: JwtConfig = {
  secret: BENCH_SECRETS.JWT_SECRET,
  issuer: 'estate-graph',
  audience: 'estate-graph',
} as JwtConfig;

export interface BenchViewer {
  label: string;
  token: string;
  /** As our gateway resolves it (scope included), which the peer gateways are handed as is. */
  viewer: Viewer;
}

/**
 * Several viewers, as the realistic mix asks: three DfE analysts, an LA, a trust and a school. The
 * peer gateways are given each token's resolved viewer up front, so they skip JWT verification and
 * scope lookups that ours does per request; that favours them, which keeps the ratios honest.
 */
export async function createBenchViewers(
  academiesUrl: string,
  laCode: string,
  trustGroupUid: string,
  schoolUrn: number,
): Promise<BenchViewer[]> {
  const wanted: { label: string; claims: TokenClaims; subject: string }[] = [
    { label: 'dfe-1', claims: { role: Role.DfE }, subject: 'bench-dfe-1' },
    { label: 'dfe-2', claims: { role: Role.DfE }, subject: 'bench-dfe-2' },
    { label: 'dfe-3', claims: { role: Role.DfE }, subject: 'bench-dfe-3' },
    { label: 'la', claims: { role: Role.LocalAuthority, laCode }, subject: 'bench-la' },
    {
      label: 'trust',
      claims: { role: Role.Trust, groupUid: trustGroupUid },
      subject: 'bench-trust',
    },
    { label: 'school', claims: { role: Role.School, urn: schoolUrn }, subject: 'bench-school' },
  ];
  const scopes = new ScopeResolver(academiesUrl, BENCH_SECRETS.GATEWAY_SECRET, 60_000, 10_000);
  const viewers: BenchViewer[] = [];
  for (const { label, claims, subject } of wanted) {
    const token = await signToken(claims, BENCH_JWT, { subject, expiresIn: '2h' });
    const viewer = await scopes.withScope(await authenticate(`Bearer ${token}`, BENCH_JWT));
    viewers.push({ label, token, viewer });
  }
  return viewers;
}

/** For the peer gateways: the viewer behind an Authorization header, from the file the runner wrote. */
export function loadViewerLookup(path: string): (authorization: string | undefined) => Viewer {
  const byToken = new Map(
    (JSON.parse(readFileSync(path, 'utf8')) as BenchViewer[]).map((v) => [v.token, v.viewer]),
  );
  return (authorization) => {
    const token = authorization?.replace(/^Bearer /, '');
    return (token && byToken.get(token)) || PUBLIC_VIEWER;
  };
}

/** The two signed headers a subgraph needs, as every gateway in the bench sends them. */
export function signedViewerHeaders(viewer: Viewer): Record<string, string> {
  return signViewer(viewer, process.env.GATEWAY_SECRET ?? BENCH_SECRETS.GATEWAY_SECRET);
}
