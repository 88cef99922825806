import { createHmac, timingSafeEqual } from 'node:crypto';
import { unauthenticated } from './errors';

export const Role = {
  DfE: 'DFE',
  LocalAuthority: 'LA',
  Trust: 'TRUST',
  School: 'SCHOOL',
  MisVendor: 'MIS_VENDOR',
  Teacher: 'TEACHER',
  Public: 'PUBLIC',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role);

/** A school in a viewer's scope from `from` (inclusive) until `until` (exclusive); null is open-ended. */
export interface SchoolSpan {
  urn: number;
  from: string | null;
  until: string | null;
}

/** Who is asking, as the gateway verified it. Scope fields are present only for the roles they belong to. */
export interface Viewer {
  role: Role;
  subject?: string;
  urn?: number;
  groupUid?: string;
  laCode?: string;
  vendorId?: string;
  trn?: string;
  /**
   * For TRUST and LA viewers, the schools they may see and when, resolved once by the gateway from
   * the academies subgraph so that no other subgraph needs to read trust membership.
   */
  schools?: SchoolSpan[];
}

/**
 * Whether the viewer may see pupil- or staff-level data of a school on a date: a trust sees the
 * schools it ran that day, an LA the schools in its area, a school itself.
 */
export function canSeeSchool(viewer: Viewer, urn: number, on: string): boolean {
  switch (viewer.role) {
    case Role.DfE:
      return true;
    case Role.School:
      return viewer.urn === urn;
    case Role.Trust:
    case Role.LocalAuthority:
      return (viewer.schools ?? []).some(
        (span) =>
          span.urn === urn &&
          (span.from === null || span.from <= on) &&
          (span.until === null || on < span.until),
      );
    default:
      return false;
  }
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ role: Role.Public });

export const VIEWER_HEADER = 'x-estate-viewer';
export const VIEWER_SIGNATURE_HEADER = 'x-estate-viewer-signature';

interface SignedViewer {
  viewer: Viewer;
  issuedAt: number;
}

function signature(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** The headers the gateway adds to every subgraph request. */
export function signViewer(
  viewer: Viewer,
  secret: string,
  now: number = Date.now(),
): Record<string, string> {
  const body: SignedViewer = { viewer, issuedAt: Math.floor(now / 1000) };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return { [VIEWER_HEADER]: payload, [VIEWER_SIGNATURE_HEADER]: signature(payload, secret) };
}

function isViewer(value: unknown): value is Viewer {
  return (
    typeof value === 'object' &&
    value !== null &&
    ROLES.includes((value as { role?: unknown }).role as Role)
  );
}

/**
 * Accepts only a viewer the gateway signed within the replay window. Everything else is refused
 * with 401, so that `_entities` and `_service` cannot be reached around the gateway.
 */
export function verifyViewer(
  headers: { get(name: string): string | undefined },
  secret: string,
  maxAgeSeconds: number,
  now: number = Date.now(),
): Viewer {
  const payload = headers.get(VIEWER_HEADER);
  const given = headers.get(VIEWER_SIGNATURE_HEADER);
  if (!payload || !given) throw unauthenticated('Subgraphs answer only the gateway');
  const expected = Buffer.from(signature(payload, secret));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw unauthenticated('Subgraphs answer only the gateway');
  }
  let signed: SignedViewer;
  try {
    signed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedViewer;
  } catch {
    throw unauthenticated('Malformed viewer header');
  }
  const age = Math.floor(now / 1000) - signed.issuedAt;
  if (!Number.isInteger(signed.issuedAt) || age > maxAgeSeconds || age < -maxAgeSeconds) {
    throw unauthenticated('Viewer header has expired');
  }
  if (!isViewer(signed.viewer)) throw unauthenticated('Malformed viewer header');
  return signed.viewer;
}
