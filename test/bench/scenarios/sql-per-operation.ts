import { BENCH_TRUST_SIZES, type BenchEstate } from '../bench-database';
import { postOnce } from '../load';
import type { BenchOperations } from '../operations';
import type { TargetResult } from '../targets';
import type { BenchViewer } from '../viewers';
import { startInProcessGraph } from './in-process-graph';

export interface SqlRow {
  trustSchools: number;
  /** Schools on the page the query asked for (pages hold at most 100). */
  schoolsOnPage: number;
  fetchesBySubgraph: Record<string, number>;
  statementsBySubgraph: Record<string, number>;
  totalStatements: number;
  maxStatementsPerFetch: number;
}

export interface SqlResult {
  rows: SqlRow[];
  targets: TargetResult[];
}

/**
 * The trust query as the trust grows from 5 to 50 to 200 schools, counting SQL statements in each
 * subgraph and the gateway's fetches to it. Batched loaders keep both flat.
 */
export async function measureSqlPerOperation(
  databaseUrl: string,
  bench: BenchEstate,
  operations: BenchOperations,
  viewers: BenchViewer[],
): Promise<SqlResult> {
  const graph = await startInProcessGraph(databaseUrl);
  const dfe = viewers.find((v) => v.label === 'dfe-1')!;
  const rows: SqlRow[] = [];
  try {
    for (const size of BENCH_TRUST_SIZES) {
      const first = Math.min(size, 100);
      const spec = {
        body: JSON.stringify({
          query: operations.trustProfile,
          variables: {
            groupUid: bench.growingTrusts[size].groupUid,
            first,
            ...(operations.trustProfile.includes('$academicYear')
              ? { academicYear: operations.academicYear }
              : {}),
          },
        }),
        headers: { authorization: `Bearer ${dfe.token}` },
      };
      await postOnce(graph.gatewayUrl, spec); // plans and caches warm, as in steady state
      graph.reset();
      const answer = await postOnce(graph.gatewayUrl, spec);
      if (answer.status !== 200 || !answer.body.data) {
        throw new Error(`trust of ${size}: ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
      const statementsBySubgraph = graph.statementsBySubgraph();
      const fetchesBySubgraph: Record<string, number> = {};
      for (const fetch of graph.fetches) {
        fetchesBySubgraph[fetch.subgraph] = (fetchesBySubgraph[fetch.subgraph] ?? 0) + 1;
      }
      const perFetch = Object.entries(statementsBySubgraph).map(([subgraph, statements]) =>
        fetchesBySubgraph[subgraph] ? statements / fetchesBySubgraph[subgraph]! : 0,
      );
      rows.push({
        trustSchools: size,
        schoolsOnPage: first,
        fetchesBySubgraph,
        statementsBySubgraph,
        totalStatements: Object.values(statementsBySubgraph).reduce((a, b) => a + b, 0),
        maxStatementsPerFetch: Math.max(...perFetch),
      });
    }
  } finally {
    await graph.close();
  }
  const smallest = rows[0]!;
  const largest = rows[rows.length - 1]!;
  return {
    rows,
    targets: [
      {
        id: 'P5',
        name: 'sql-statements-per-subgraph-fetch-max',
        value: Math.max(...rows.map((r) => r.maxStatementsPerFetch)),
        comparison: '<=',
        target: 3,
      },
      {
        id: 'P6',
        name: 'sql-statements-200-vs-5-schools',
        value: largest.totalStatements / smallest.totalStatements,
        comparison: '<=',
        target: 1,
      },
    ],
  };
}
