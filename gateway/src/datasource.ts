import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
// The enum is not re-exported from the package root.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import {
  badUserInput,
  logEvent,
  messageOf,
  REQUEST_ID_HEADER,
  signViewer,
  type Viewer,
} from '@estate/subgraph-kit';
import { GraphQLError } from 'graphql';
import { Agent as HttpAgent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { GatewayContext } from './context';
import { EntityFetchBatcher, representationsOf } from './entity-batching';

type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** Connections each subgraph keeps open for reuse; more than the busiest gateway needs at once. */
const MAX_SOCKETS_PER_SUBGRAPH = 256;

/** A subgraph's answer read whole, as the data source reads it anyway. */
class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly bodyUsed = false;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    rawHeaders: IncomingHttpHeaders | Headers,
    private readonly body: Buffer,
  ) {
    if (rawHeaders instanceof Headers) {
      this.headers = rawHeaders;
    } else {
      this.headers = new Headers();
      for (const [name, value] of Object.entries(rawHeaders)) {
        if (value !== undefined)
          this.headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
    }
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.body).buffer;
  }

  clone(): BufferedResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/**
 * Fetches over node:http with keep-alive pools, so that a subgraph call reuses an open connection
 * instead of opening one, and skips the WHATWG streams and abort signals that global fetch builds
 * per call (a third of the gateway's CPU before this).
 */
export function keepAliveFetcher(timeoutMs: number): Fetcher {
  const agentOptions = {
    keepAlive: true,
    maxSockets: MAX_SOCKETS_PER_SUBGRAPH,
    scheduling: 'lifo',
  } as const;
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  return (url, init = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const secure = url.startsWith('https:');
      const body = init.body ?? '';
      const request = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: init.method ?? 'POST',
          headers: { ...init.headers, 'content-length': Buffer.byteLength(body) },
          agent: secure ? httpsAgent : httpAgent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', fail);
          response.on('end', () => {
            clearTimeout(timer);
            resolve(
              new BufferedResponse(
                url,
                response.statusCode ?? 0,
                response.statusMessage ?? '',
                response.headers,
                Buffer.concat(chunks),
              ),
            );
          });
        },
      );
      function fail(error: Error) {
        clearTimeout(timer);
        reject(error);
      }
      const timer = setTimeout(
        () => request.destroy(new Error(`The subgraph did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      request.on('error', fail);
      request.end(body);
    });
}

/** Signing the same viewer twice within a second gives the same headers, so they are kept. */
class ViewerSigner {
  private readonly bySecond = new Map<
    string,
    { second: number; headers: Record<string, string> }
  >();
  private readonly byContext = new WeakMap<object, { identity: string; viewer: Viewer }>();

  constructor(
    private readonly secret: string,
    private readonly maxViewers = 10_000,
  ) {}

  /** The viewer's identity as signed: who they are and their scope, computed once per request. */
  identityOf(context: object, viewer: Viewer): string {
    const known = this.byContext.get(context);
    if (known && known.viewer === viewer) return known.identity;
    const identity = JSON.stringify(viewer);
    this.byContext.set(context, { identity, viewer });
    return identity;
  }

  headersFor(identity: string, viewer: Viewer): Record<string, string> {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const kept = this.bySecond.get(identity);
    if (kept && kept.second === second) return kept.headers;
    if (this.bySecond.size >= this.maxViewers) this.bySecond.clear();
    const headers = signViewer(viewer, this.secret, now);
    this.bySecond.set(identity, { second, headers });
    return headers;
  }
}

interface InFlightFetch {
  response: Promise<GatewayResponse>;
  /** Requests that joined the first one; while it is 0 the first keeps the answer to itself. */
  joined: number;
}

/**
 * Carries the verified viewer to a subgraph in a header only the gateway can sign, over pooled
 * keep-alive connections. For the same viewer, identical query fetches in flight at once are sent
 * once and the answer shared, and entity fetches of the same document made in the same turn are
 * joined into one call; a fetch for another viewer, or any mutation, always goes on its own.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly signer: ViewerSigner;
  private readonly inFlight = new Map<string, InFlightFetch>();
  private readonly entityBatches = new EntityFetchBatcher<
    GraphQLDataSourceProcessOptions<GatewayContext>
  >((options) => super.process(options));

  constructor(
    private readonly serviceName: string,
    url: string,
    gatewaySecret: string,
    timeoutMs: number,
  ) {
    super({ url, fetcher: keepAliveFetcher(timeoutMs) });
    this.signer = new ViewerSigner(gatewaySecret);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    return this.processMerged(options).catch((error: unknown) => {
      throw this.asClientError(error);
    });
  }

  /**
   * A subgraph that refuses the connection or times out leaves its fields null; the client is told
   * which service failed, with a code, and not the address or the socket error behind it.
   */
  private asClientError(error: unknown): unknown {
    if (error instanceof GraphQLError) return error;
    logEvent('error', {
      service: 'gateway',
      subgraph: this.serviceName,
      message: messageOf(error),
    });
    return new GraphQLError(`The ${this.serviceName} service did not answer`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.serviceName },
    });
  }

  private async processMerged(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const identity = this.mergeScopeOf(options);
    if (identity === null) return super.process(options);
    const { query, variables = {} } = options.request;
    const key = `${identity}\n${query}\n${JSON.stringify(variables)}`;
    const running = this.inFlight.get(key);
    if (running) {
      running.joined += 1;
      const shared = await running.response;
      // The first request applied the subgraph's cache hint to its own policy; be conservative here.
      if (options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION) {
        options.incomingRequestContext.overallCachePolicy?.restrict({ maxAge: 0 });
      }
      return copyOf(shared);
    }
    const started: InFlightFetch = {
      joined: 0,
      response: this.batchedOrAlone(identity, options).finally(() => this.inFlight.delete(key)),
    };
    this.inFlight.set(key, started);
    const response = await started.response;
    // Once others joined, everyone works on a copy, since the gateway merges into what it gets.
    return started.joined === 0 ? response : copyOf(response);
  }

  private batchedOrAlone(
    identity: string,
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ) {
    const representations = representationsOf(options);
    if (representations === null) return super.process(options);
    const others = { ...options.request.variables };
    delete others.representations;
    const key = `${identity}\n${options.request.query}\n${JSON.stringify(others)}`;
    return this.entityBatches.fetch(key, options, representations);
  }

  /**
   * The viewer's signed identity when this fetch may be merged or batched with others: part of an
   * incoming query (never a mutation), itself a query, with a viewer; otherwise null. Every key
   * starts with the identity, so viewers never share.
   */
  private mergeScopeOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): string | null {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return null;
    if (options.incomingRequestContext.operation?.operation !== 'query') return null;
    const query = options.request.query;
    if (!query || !/^\s*(query\b|\{)/.test(query)) return null;
    const viewer = viewerOf(options.context);
    if (!viewer) return null;
    return this.signer.identityOf(options.context, viewer);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const viewer = viewerOf(context);
    if (!viewer) return;
    const identity = this.signer.identityOf(context, viewer);
    for (const [name, value] of Object.entries(this.signer.headersFor(identity, viewer))) {
      request.http?.headers.set(name, value);
    }
    if ('requestId' in context && context.requestId) {
      request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    }
  }

  /**
   * A subgraph answers 400 when a value the client wrote (a date, say) fails its scalar. The gateway
   * has already checked the document's shape, so that is the client's input, and it is reported as
   * such instead of as a failed fetch.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { errors?: { message?: string }[] } | null;
      const first = body?.errors?.[0];
      if (first?.message) {
        return badUserInput(first.message);
      }
    }
    return super.errorFromResponse(response);
  }
}

function viewerOf(context: Partial<GatewayContext>): Viewer | undefined {
  return context.viewer ?? undefined;
}

/** The parsed answer without the shared HTTP response, deep-copied for one request's own use. */
function copyOf(response: GatewayResponse): GatewayResponse {
  const { http, ...body } = response;
  return { ...structuredClone(body), http };
}
