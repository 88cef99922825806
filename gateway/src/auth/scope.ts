import {
  PUBLIC_VIEWER,
  Role,
  type SchoolSpan,
  signViewer,
  type Viewer,
} from '@estate/subgraph-kit';

const TRUST_SCOPE = `query TrustScope($groupUid: ID!) {
  trust(groupUid: $groupUid) { membershipSpans { urn joinedOn leftOn } }
}`;
const LA_SCOPE = `query LocalAuthorityScope($code: String!) {
  localAuthority(code: $code) { schoolUrns }
}`;

interface CachedScope {
  expiresAt: number;
  schools: SchoolSpan[];
}

/**
 * Resolves which schools a TRUST or LA viewer may see, from the academies subgraph that owns
 * membership and areas. Cached briefly per scope, because every request of that viewer needs it.
 */
export class ScopeResolver {
  private readonly cache = new Map<string, CachedScope>();

  constructor(
    private readonly academiesUrl: string,
    private readonly gatewaySecret: string,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
  ) {}

  async withScope(viewer: Viewer): Promise<Viewer> {
    if (viewer.role === Role.Trust && viewer.groupUid) {
      return {
        ...viewer,
        schools: await this.cached(`trust:${viewer.groupUid}`, () =>
          this.trustSpans(viewer.groupUid!),
        ),
      };
    }
    if (viewer.role === Role.LocalAuthority && viewer.laCode) {
      return {
        ...viewer,
        schools: await this.cached(`la:${viewer.laCode}`, () => this.laSpans(viewer.laCode!)),
      };
    }
    return viewer;
  }

  private async cached(key: string, load: () => Promise<SchoolSpan[]>): Promise<SchoolSpan[]> {
    const hit = this.cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.schools;
    const schools = await load();
    this.cache.set(key, { schools, expiresAt: Date.now() + this.ttlMs });
    return schools;
  }

  private async trustSpans(groupUid: string): Promise<SchoolSpan[]> {
    const data = await this.ask<{
      trust: { membershipSpans: { urn: number; joinedOn: string; leftOn: string | null }[] } | null;
    }>(TRUST_SCOPE, { groupUid });
    return (data.trust?.membershipSpans ?? []).map((span) => ({
      urn: span.urn,
      from: span.joinedOn,
      until: span.leftOn,
    }));
  }

  private async laSpans(code: string): Promise<SchoolSpan[]> {
    const data = await this.ask<{ localAuthority: { schoolUrns: number[] } | null }>(LA_SCOPE, {
      code,
    });
    return (data.localAuthority?.schoolUrns ?? []).map((urn) => ({ urn, from: null, until: null }));
  }

  private async ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    // Membership and areas are public reference data, so the public viewer is enough to read them.
    const response = await fetch(this.academiesUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signViewer(PUBLIC_VIEWER, this.gatewaySecret),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json()) as {
      data?: T;
      errors?: { extensions?: { code?: string } }[];
    };
    const fatal = body.errors?.find((error) => error.extensions?.code !== 'NOT_FOUND');
    if (!response.ok || fatal || !body.data) {
      throw new Error(
        `Could not resolve the viewer's scope from academies (HTTP ${response.status})`,
      );
    }
    return body.data;
  }
}
