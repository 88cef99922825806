import { signViewer, VIEWER_HEADER, type Viewer } from '@estate/subgraph-kit';
import type { BenchEstate } from '../bench-database';
import { postOnce } from '../load';
import type { BenchOperations } from '../operations';
import { summarise, type Summary } from '../stats';
import { BENCH_SECRETS, type BenchViewer } from '../viewers';
import { type RecordedFetch, startInProcessGraph } from './in-process-graph';

export interface FederationOverheadResult {
  /** The calls the query plan made, in stages that ran one after another. */
  stages: string[][];
  gatewayMs: Summary;
  directMs: Summary;
  /** Gateway latency over the direct calls' latency, at one request at a time. */
  ratio: number;
  iterations: number;
}

/** Fetches that started before every fetch of the stage so far had finished run alongside it. */
function stagesOf(fetches: RecordedFetch[]): RecordedFetch[][] {
  const stages: RecordedFetch[][] = [];
  for (const fetch of [...fetches].sort((a, b) => a.startedAt - b.startedAt)) {
    const current = stages[stages.length - 1];
    if (current && fetch.startedAt < Math.max(...current.map((f) => f.finishedAt))) {
      current.push(fetch);
    } else {
      stages.push([fetch]);
    }
  }
  return stages;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'keep-alive']);

/** The recorded call, re-signed now so that the subgraph's replay window accepts it. */
function replayHeaders(fetch: RecordedFetch): Record<string, string> {
  const headers = Object.fromEntries(
    Object.entries(fetch.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
  );
  const signed = JSON.parse(Buffer.from(headers[VIEWER_HEADER]!, 'base64url').toString('utf8')) as {
    viewer: Viewer;
  };
  return { ...headers, ...signViewer(signed.viewer, BENCH_SECRETS.GATEWAY_SECRET) };
}

/**
 * The SchoolProfile through the gateway, against the same subgraph calls its plan makes sent
 * straight to the subgraphs in the same stages, one request at a time, alternating.
 */
export async function measureFederationOverhead(
  databaseUrl: string,
  bench: BenchEstate,
  operations: BenchOperations,
  viewers: BenchViewer[],
  quick: boolean,
): Promise<FederationOverheadResult> {
  const graph = await startInProcessGraph(databaseUrl);
  const dfe = viewers.find((v) => v.label === 'dfe-1')!;
  const iterations = quick ? 15 : 80;
  try {
    const urn = bench.openSchoolUrns[Math.floor(bench.openSchoolUrns.length / 3)]!;
    const spec = {
      body: JSON.stringify({
        query: operations.schoolProfile,
        variables: operations.schoolProfile.includes('$academicYear')
          ? { urn, academicYear: operations.academicYear }
          : { urn },
      }),
      headers: { authorization: `Bearer ${dfe.token}` },
    };
    await postOnce(graph.gatewayUrl, spec);
    graph.reset();
    await postOnce(graph.gatewayUrl, spec);
    const stages = stagesOf(graph.fetches);
    const direct = async () => {
      for (const stage of stages) {
        await Promise.all(
          stage.map((fetch) =>
            postOnce(graph.subgraphUrls[fetch.subgraph]!, {
              body: fetch.body,
              headers: replayHeaders(fetch),
            }).then((answer) => {
              if (answer.status !== 200)
                throw new Error(`direct ${fetch.subgraph}: ${answer.status}`);
            }),
          ),
        );
      }
    };
    const gatewayMs: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < iterations; i += 1) {
      let started = performance.now();
      await postOnce(graph.gatewayUrl, spec);
      gatewayMs.push(performance.now() - started);
      started = performance.now();
      await direct();
      directMs.push(performance.now() - started);
    }
    const gateway = summarise(gatewayMs);
    const straight = summarise(directMs);
    return {
      stages: stages.map((stage) => stage.map((f) => f.subgraph)),
      gatewayMs: gateway,
      directMs: straight,
      ratio: gateway.median / straight.median,
      iterations,
    };
  } finally {
    await graph.close();
  }
}
