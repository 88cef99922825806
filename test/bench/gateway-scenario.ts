import type { BenchEstate } from './bench-database';
import { type GraphQLRequestSpec, type LoadMeasurement, measureLoad, postOnce } from './load';
import type { BenchOperations } from './operations';
import { waitUntilQuiet } from './processes';
import { median, type Summary, summarise } from './stats';
import type { BenchViewer } from './viewers';

export type GatewayName = 'estate' | 'apollo' | 'hive';
export type OperationName = 'school-profile' | 'trust-profile';
export type MixName = 'realistic' | 'flood';

export interface GatewayUnderTest {
  name: GatewayName;
  description: string;
  url: string;
  pid: number;
}

export interface GatewayCell {
  gateway: GatewayName;
  operation: OperationName;
  mix: MixName;
  connections: number;
  requestsPerSecond: Summary;
  p50Ms: Summary;
  p99Ms: Summary;
  cpuMsPerRequest: Summary;
  /** Median CPU per request of each subgraph process while this gateway was measured. */
  subgraphCpuMsPerRequest: Record<string, number>;
  non2xx: number;
  errors: number;
}

export interface GatewayScenarioPlan {
  connections: number[];
  repeats: number;
  durationSeconds: number;
  warmUpSeconds: number;
  operations: OperationName[];
  /** The trust query is far heavier; its runs last this many times longer to answer enough. */
  trustDurationFactor: number;
}

/** A small deterministic generator, so that both mixes draw the same sequence on every gateway. */
function seededPicker(seed: number) {
  let state = seed >>> 0;
  return <T>(items: readonly T[]): T => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return items[state % items.length]!;
  };
}

function requestOf(query: string, variables: Record<string, unknown>, viewer: BenchViewer) {
  return {
    body: JSON.stringify({ query, variables }),
    headers: { authorization: `Bearer ${viewer.token}` },
  };
}

/** The request each mix sends next: random URNs (or trusts) and viewers, or one request again. */
export function requestSources(
  operations: BenchOperations,
  bench: BenchEstate,
  viewers: BenchViewer[],
): Record<OperationName, Record<MixName, () => GraphQLRequestSpec>> {
  const year = { academicYear: operations.academicYear };
  const withYear = (variables: Record<string, unknown>, query: string) =>
    query.includes('$academicYear') ? { ...variables, ...year } : variables;
  const school = (urn: number, viewer: BenchViewer) =>
    requestOf(operations.schoolProfile, withYear({ urn }, operations.schoolProfile), viewer);
  const trust = (groupUid: string, viewer: BenchViewer) =>
    requestOf(
      operations.trustProfile,
      withYear({ groupUid, first: 50 }, operations.trustProfile),
      viewer,
    );
  const dfe = viewers.find((v) => v.label === 'dfe-1')!;
  const floodSchool = school(
    bench.openSchoolUrns[Math.floor(bench.openSchoolUrns.length / 3)]!,
    dfe,
  );
  const floodTrust = trust(bench.growingTrusts[50].groupUid, dfe);
  const pickSchool = seededPicker(1);
  const pickTrust = seededPicker(2);
  return {
    'school-profile': {
      realistic: () => school(pickSchool(bench.openSchoolUrns), pickSchool(viewers)),
      flood: () => floodSchool,
    },
    'trust-profile': {
      realistic: () => trust(pickTrust(bench.trustsOf50).groupUid, pickTrust(viewers)),
      flood: () => floodTrust,
    },
  };
}

/** Every gateway gives the same answer to the flood requests, or the bench stops. */
export async function checkSameAnswers(
  gateways: GatewayUnderTest[],
  sources: ReturnType<typeof requestSources>,
): Promise<string[]> {
  const notes: string[] = [];
  for (const [operation, mixes] of Object.entries(sources)) {
    const spec = mixes.flood();
    const answers = await Promise.all(gateways.map((g) => postOnce(g.url, spec)));
    const reference = JSON.stringify(answers[0]!.body.data ?? null);
    answers.forEach((answer, i) => {
      const gateway = gateways[i]!.name;
      if (answer.status !== 200 || !answer.body.data) {
        throw new Error(`${gateway} ${operation}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      if (JSON.stringify(answer.body.data) !== reference) {
        throw new Error(`${gateway} answers ${operation} differently from ${gateways[0]!.name}`);
      }
      const errors = answer.body.errors ?? [];
      if (errors.length > 0) {
        notes.push(
          `${gateway} ${operation}: ${errors.length} field errors (${errors[0]!.message})`,
        );
      }
    });
    notes.push(`${operation}: identical data from ${gateways.map((g) => g.name).join(', ')}`);
  }
  return notes;
}

/**
 * Each cell (operation × mix × connections) warms every gateway up, then measures them in turn,
 * `repeats` times round-robin, so that drift on the shared machine falls on all of them alike.
 */
export async function runGatewayScenario(
  gateways: GatewayUnderTest[],
  sources: ReturnType<typeof requestSources>,
  plan: GatewayScenarioPlan,
  subgraphPids: Record<string, number>,
  log: (line: string) => void,
): Promise<GatewayCell[]> {
  const cells: GatewayCell[] = [];
  for (const operation of plan.operations) {
    for (const mix of ['realistic', 'flood'] as const) {
      for (const connections of plan.connections) {
        const runs = new Map<GatewayName, LoadMeasurement[]>(gateways.map((g) => [g.name, []]));
        const factor = operation === 'trust-profile' ? plan.trustDurationFactor : 1;
        const allPids = [...gateways.map((g) => g.pid), ...Object.values(subgraphPids)];
        for (const gateway of plan.warmUpSeconds > 0 ? gateways : []) {
          await measureLoad({
            url: gateway.url,
            connections,
            durationSeconds: plan.warmUpSeconds * factor,
            gatewayPid: gateway.pid,
            nextRequest: sources[operation][mix],
          });
          await waitUntilQuiet(allPids);
        }
        for (let repeat = 0; repeat < plan.repeats; repeat += 1) {
          for (const gateway of gateways) {
            const measurement = await measureLoad({
              url: gateway.url,
              connections,
              durationSeconds: plan.durationSeconds * factor,
              gatewayPid: gateway.pid,
              otherPids: subgraphPids,
              nextRequest: sources[operation][mix],
            });
            await waitUntilQuiet(allPids);
            runs.get(gateway.name)!.push(measurement);
            log(
              `  ${operation} ${mix} c=${connections} ${gateway.name} #${repeat + 1}: ` +
                `${measurement.requestsPerSecond.toFixed(1)} req/s, p99 ${measurement.p99Ms} ms, ` +
                `${measurement.cpuMsPerRequest.toFixed(2)} CPU ms/req` +
                (measurement.non2xx + measurement.errors > 0
                  ? `, ${measurement.non2xx} non-2xx, ${measurement.errors} errors`
                  : ''),
            );
          }
        }
        for (const gateway of gateways) {
          const measured = runs.get(gateway.name)!;
          cells.push({
            gateway: gateway.name,
            operation,
            mix,
            connections,
            requestsPerSecond: summarise(measured.map((m) => m.requestsPerSecond)),
            p50Ms: summarise(measured.map((m) => m.p50Ms)),
            p99Ms: summarise(measured.map((m) => m.p99Ms)),
            cpuMsPerRequest: summarise(measured.map((m) => m.cpuMsPerRequest)),
            subgraphCpuMsPerRequest: Object.fromEntries(
              Object.keys(subgraphPids).map((name) => [
                name,
                median(measured.map((m) => m.otherCpuMsPerRequest[name] ?? Number.NaN)),
              ]),
            ),
            non2xx: measured.reduce((sum, m) => sum + m.non2xx, 0),
            errors: measured.reduce((sum, m) => sum + m.errors, 0),
          });
        }
      }
    }
  }
  return cells;
}
