import autocannon from 'autocannon';
import { cpuMillisecondsOf } from './processes';

/** One GraphQL request body and the headers to send it with. */
export interface GraphQLRequestSpec {
  body: string;
  headers: Record<string, string>;
}

/** Picks the next request; called once per request, so a mix can vary URNs and viewers. */
export type RequestSource = () => GraphQLRequestSpec;

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** The process whose CPU is charged to these requests. */
  gatewayPid: number;
  /** Other processes whose CPU per request is reported alongside (the subgraphs), by name. */
  otherPids?: Record<string, number>;
  nextRequest: RequestSource;
}

export interface LoadMeasurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Gateway user + system CPU per answered request. */
  cpuMsPerRequest: number;
  /** CPU per answered request of each of `otherPids`. */
  otherCpuMsPerRequest: Record<string, number>;
  answered: number;
  non2xx: number;
  errors: number;
}

/** A hard ceiling on requests per run, whatever the duration, so that no loop is unbounded. */
const MAX_REQUESTS_PER_RUN = 500_000;
const REQUEST_TIMEOUT_SECONDS = 10;

/** Drives `url` with autocannon for a bounded time and reads the gateway's CPU around it. */
export async function measureLoad(options: LoadOptions): Promise<LoadMeasurement> {
  const others = Object.entries(options.otherPids ?? {});
  const othersBefore = others.map(([, pid]) => cpuMillisecondsOf(pid));
  const cpuBefore = cpuMillisecondsOf(options.gatewayPid);
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    maxOverallRequests: MAX_REQUESTS_PER_RUN,
    timeout: REQUEST_TIMEOUT_SECONDS,
    method: 'POST',
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const next = options.nextRequest();
          return {
            ...request,
            body: next.body,
            headers: { 'content-type': 'application/json', ...next.headers },
          };
        },
      },
    ],
  });
  const cpuAfter = cpuMillisecondsOf(options.gatewayPid);
  const othersAfter = others.map(([, pid]) => cpuMillisecondsOf(pid));
  const answered = result['2xx'] + result.non2xx;
  const perRequest = (ms: number) => (answered > 0 ? ms / answered : Number.NaN);
  return {
    requestsPerSecond: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: perRequest(cpuAfter - cpuBefore),
    otherCpuMsPerRequest: Object.fromEntries(
      others.map(([name], i) => [name, perRequest(othersAfter[i]! - othersBefore[i]!)]),
    ),
    answered,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Sends one request and returns its parsed body, for correctness probes before measuring. */
export async function postOnce(
  url: string,
  spec: GraphQLRequestSpec,
): Promise<{ status: number; body: { data?: unknown; errors?: { message: string }[] } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...spec.headers },
    body: spec.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_SECONDS * 1000),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as { data?: unknown } };
  } catch {
    return { status: response.status, body: { errors: [{ message: text.slice(0, 300) }] } };
  }
}
