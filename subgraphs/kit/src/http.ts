import type { ApolloServer, BaseContext, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const REQUEST_ID_HEADER = 'x-request-id';

const requestIds = new AsyncLocalStorage<string>();

/** The id of the request being served, for log lines written deep inside it. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (request: {
    headers: HeaderMap;
    requestId: string;
    remoteAddress: string;
  }) => Promise<TContext>;
  maxBodyBytes: number;
  /** Answers `/readyz`; a server that cannot reach its dependencies says so instead of taking traffic. */
  ready?: () => Promise<boolean>;
}

export interface RunningHttpServer {
  server: Server;
  url: string;
  port: number;
  /** Stops taking connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/** Reads the whole body but keeps no more than the limit, so that the client reads our 413. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/**
 * Serves an Apollo server on plain node:http with health endpoints, a body limit and a request id,
 * and drains in-flight requests on close.
 */
export function graphqlHttpHandler<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const ready = options.ready ? await options.ready().catch(() => false) : true;
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    }
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'Not found' });

    const headers = headersOf(req);
    const requestId = headers.get(REQUEST_ID_HEADER) ?? randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    await requestIds.run(requestId, () => serveGraphQL(options, req, res, url, headers, requestId));
  };
}

async function serveGraphQL<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  headers: HeaderMap,
  requestId: string,
): Promise<void> {
  {
    let body: unknown;
    try {
      const raw = await readBody(req, options.maxBodyBytes);
      body =
        raw && (headers.get('content-type') ?? '').includes('application/json')
          ? JSON.parse(raw)
          : raw;
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendJson(res, 413, { errors: [{ message: 'Request body is too large' }] });
      }
      return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON' }] });
    }

    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      headers,
      search: url.search,
      body,
    };
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () =>
        options.context({
          headers,
          requestId,
          remoteAddress: req.socket.remoteAddress ?? 'unknown',
        }),
    });
    res.statusCode = response.status ?? 200;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  host: string,
  port: number,
): Promise<RunningHttpServer> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      console.error('Unhandled HTTP error', error);
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    port: address.port,
    url: `http://${host}:${address.port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets go idle as their last response ends; close each as soon as it does,
        // and give up on stragglers after the drain deadline.
        const sweep = setInterval(() => server.closeIdleConnections(), DRAIN_SWEEP_MS);
        const deadline = setTimeout(() => server.closeAllConnections(), DRAIN_DEADLINE_MS);
        server.close((error) => {
          clearInterval(sweep);
          clearTimeout(deadline);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

const DRAIN_SWEEP_MS = 50;
const DRAIN_DEADLINE_MS = 10_000;
