import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { Role } from '@estate/subgraph-kit';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestGraph, type TestGraph } from '../support/graph';

/**
 * The gateway merges identical subgraph fetches in flight at the same time, but only for queries
 * and only for one viewer: a merged answer must never reach a viewer who did not ask for it, and a
 * mutation must reach the subgraph once per request.
 */

/** Holds each call back a little, so that concurrent requests are surely in flight together. */
const HOLD_MS = 150;

interface CountingProxy {
  url: string;
  /** The bodies of the calls that reached the subgraph. */
  calls: string[];
  close(): Promise<void>;
}

async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const calls: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      calls.push(body.toString('utf8'));
      setTimeout(() => {
        const forward = request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: incoming.method,
            headers: incoming.headers,
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        forward.on('error', () => outgoing.destroy());
        forward.end(body);
      }, HOLD_MS);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const school = generateDemoEstate().schools.find((s) => s.closedOn === null)!;
const schoolQuery = `query SchoolName($urn: Int!) { school(urn: $urn) { urn name } }`;

let graph: TestGraph;
let academies: CountingProxy;
let workforce: CountingProxy;
let gatewayUrl: string;

beforeAll(async () => {
  graph = await startTestGraph('fetch_merging');
  academies = await startCountingProxy(graph.subgraphs.academies!.server.url);
  workforce = await startCountingProxy(graph.subgraphs.workforce!.server.url);
  const gateway = await graph.startGateway({
    ACADEMIES_URL: academies.url,
    WORKFORCE_URL: workforce.url,
  });
  gatewayUrl = gateway.url;
});
afterAll(async () => {
  await graph?.close();
  await academies?.close();
  await workforce?.close();
});

function send(query: string, variables: Record<string, unknown>, token: string) {
  return postGraphQL<Record<string, unknown>>(
    gatewayUrl,
    { query, variables },
    { authorization: `Bearer ${token}` },
  );
}

function callsDuring(proxy: CountingProxy, work: () => Promise<unknown>): Promise<number> {
  const before = proxy.calls.length;
  return work().then(() => proxy.calls.length - before);
}

describe('merging identical in-flight subgraph fetches', () => {
  it('sends identical concurrent queries from the same viewer to the subgraph once', async () => {
    const token = await graph.token({ role: Role.DfE });
    let answers: Awaited<ReturnType<typeof send>>[] = [];
    const calls = await callsDuring(academies, async () => {
      answers = await Promise.all(
        Array.from({ length: 5 }, () => send(schoolQuery, { urn: school.urn }, token)),
      );
    });
    expect(calls).toBe(1);
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({ school: { urn: school.urn, name: school.name } });
    }
  });

  it('gives each of two viewers a fetch of their own, even for the same query', async () => {
    const first = await graph.token({ role: Role.DfE });
    const second = await graph.token({ role: Role.School, urn: school.urn });
    const calls = await callsDuring(academies, () =>
      Promise.all([
        send(schoolQuery, { urn: school.urn }, first),
        send(schoolQuery, { urn: school.urn }, second),
      ]),
    );
    expect(calls).toBe(2);
  });

  it('merges nothing once the first fetch has answered', async () => {
    const token = await graph.token({ role: Role.DfE });
    const calls = await callsDuring(academies, async () => {
      await send(schoolQuery, { urn: school.urn }, token);
      await send(schoolQuery, { urn: school.urn }, token);
    });
    expect(calls).toBe(2);
  });

  it('never merges mutations, even identical ones from the same viewer at the same time', async () => {
    const token = await graph.token({ role: Role.DfE });
    const mutation = `mutation NoTeachers { upsertTeachers(input: []) { created updated } }`;
    const calls = await callsDuring(workforce, () =>
      Promise.all(Array.from({ length: 3 }, () => send(mutation, {}, token))),
    );
    expect(calls).toBe(3);
  });
});
