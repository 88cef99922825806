import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { Role, VIEWER_HEADER } from '@estate/subgraph-kit';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestGraph, type TestGraph } from '../support/graph';

/**
 * The gateway merges identical subgraph fetches in flight at the same time, and joins entity
 * fetches of the same document made at the same time into one call, but only for queries and only
 * for one viewer: a merged answer must never reach a viewer who did not ask for it, each request
 * must get exactly its own entities and errors back, and a mutation must reach the subgraph once
 * per request.
 */

/** Holds each call back a little, so that concurrent requests are surely in flight together. */
const HOLD_MS = 150;

interface CountingProxy {
  url: string;
  /** The bodies of the calls that reached the subgraph. */
  calls: string[];
  /** The signed viewer header of each call, in the same order. */
  viewers: string[];
  /**
   * Holds the answers to the next `count` calls until all of them have come back from the
   * subgraph, then sends them in one go, as answers arriving together under load would be.
   */
  answerTogether(count: number): void;
  close(): Promise<void>;
}

interface HeldAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  outgoing: ServerResponse;
}

async function startCountingProxy(targetUrl: string): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const calls: string[] = [];
  const viewers: string[] = [];
  let gate: { taken: number; expected: number; held: HeldAnswer[] } | null = null;
  const answer = (held: HeldAnswer) => {
    held.outgoing.writeHead(held.status, held.headers);
    held.outgoing.end(held.body);
  };
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      calls.push(body.toString('utf8'));
      viewers.push(String(incoming.headers[VIEWER_HEADER]));
      const group = gate && gate.taken < gate.expected ? gate : null;
      if (group) group.taken += 1;
      setTimeout(() => {
        const forward = request(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: incoming.method,
            headers: incoming.headers,
          },
          (upstream) => {
            const parts: Buffer[] = [];
            upstream.on('data', (part: Buffer) => parts.push(part));
            upstream.on('end', () => {
              const held = {
                status: upstream.statusCode ?? 502,
                headers: upstream.headers,
                body: Buffer.concat(parts),
                outgoing,
              };
              if (!group) return answer(held);
              group.held.push(held);
              if (group.held.length === group.expected) {
                if (gate === group) gate = null;
                group.held.forEach(answer);
              }
            });
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
    viewers,
    answerTogether: (expected) => {
      gate = { taken: 0, expected, held: [] };
    },
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

/** The school profile's teachers: a root fetch to academies, then an entity fetch to workforce. */
const teachersQuery = `query SchoolTeachers($urn: Int!) {
  school(urn: $urn) { urn premiumEligibleTeachers(academicYear: "2025/26") { trn name } }
}`;
/** A Middlesbrough academy with eligible teachers in the demo, and three other open schools. */
const WITH_TEACHERS = 136330;
const urns = [
  WITH_TEACHERS,
  ...generateDemoEstate()
    .schools.filter((s) => s.closedOn === null && s.urn !== WITH_TEACHERS)
    .slice(0, 3)
    .map((s) => s.urn),
];

interface TeachersAnswer {
  school: { urn: number; premiumEligibleTeachers: { trn: string; name: string }[] | null };
}

function askTeachers(urn: number, token: string) {
  return postGraphQL<TeachersAnswer>(
    gatewayUrl,
    { query: teachersQuery, variables: { urn } },
    { authorization: `Bearer ${token}` },
  );
}

type TeacherResponse = Awaited<ReturnType<typeof askTeachers>>;

interface EntityCall {
  viewer: string;
  urns: number[];
}

/**
 * The workforce `_entities` calls made during `work`, with the URNs each one carried. Each test
 * asks once per viewer before gating academies, so that no scope lookup takes a gated call.
 */
async function entityCallsDuring(work: () => Promise<unknown>): Promise<EntityCall[]> {
  const before = workforce.calls.length;
  await work();
  return workforce.calls.slice(before).flatMap((body, i) => {
    const { variables } = JSON.parse(body) as {
      variables?: { representations?: { urn: number }[] };
    };
    if (!variables?.representations) return [];
    return [
      {
        viewer: workforce.viewers[before + i]!,
        urns: variables.representations.map((r) => r.urn),
      },
    ];
  });
}

describe('joining entity fetches made at the same time', () => {
  it('sends one viewer’s concurrent entity fetches as one call, and gives each request its own entities', async () => {
    const token = await graph.token({ role: Role.DfE });
    const alone: TeacherResponse[] = [];
    for (const urn of urns) alone.push(await askTeachers(urn, token));
    expect(alone.some((a) => a.data!.school.premiumEligibleTeachers!.length > 0)).toBe(true);

    academies.answerTogether(urns.length);
    let together: TeacherResponse[] = [];
    const calls = await entityCallsDuring(async () => {
      together = await Promise.all(urns.map((urn) => askTeachers(urn, token)));
    });
    expect(calls).toHaveLength(1);
    expect([...calls[0]!.urns].sort()).toEqual([...urns].sort());
    expect(together.map((answer) => answer.data)).toEqual(alone.map((answer) => answer.data));
    for (const answer of together) expect(answer.errors).toBeUndefined();
  });

  it('gives an error about one request’s entity to that request only, at its own path', async () => {
    const own = await graph.token({ role: Role.School, urn: WITH_TEACHERS });
    const otherUrn = urns[1]!;
    await askTeachers(otherUrn, own);
    academies.answerTogether(2);
    let answers: TeacherResponse[] = [];
    const calls = await entityCallsDuring(async () => {
      answers = await Promise.all([askTeachers(otherUrn, own), askTeachers(WITH_TEACHERS, own)]);
    });
    expect(calls).toHaveLength(1);
    const [theirs, mine] = answers as [TeacherResponse, TeacherResponse];
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.school.premiumEligibleTeachers!.length).toBeGreaterThan(0);
    expect(theirs.data!.school.premiumEligibleTeachers).toBeNull();
    expect(theirs.errors).toHaveLength(1);
    expect(theirs.errors![0]).toMatchObject({
      path: ['school', 'premiumEligibleTeachers'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('never joins two viewers’ fetches, even when they are made together', async () => {
    const first = await graph.token({ role: Role.DfE });
    const second = await graph.token({ role: Role.LocalAuthority, laCode: '806' });
    await Promise.all([askTeachers(urns[0]!, first), askTeachers(urns[0]!, second)]);
    academies.answerTogether(4);
    const calls = await entityCallsDuring(() =>
      Promise.all([first, second, first, second].map((token, i) => askTeachers(urns[i]!, token))),
    );
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.viewer)).size).toBe(2);
    for (const call of calls) expect(call.urns).toHaveLength(2);
  });
});
