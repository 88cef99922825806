import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchEstate, createBenchDatabase } from './bench-database';
import {
  checkSameAnswers,
  type GatewayCell,
  type GatewayScenarioPlan,
  requestSources,
  runGatewayScenario,
} from './gateway-scenario';
import { type StartedGateway, startGateway, startSubgraphProcesses } from './graph-processes';
import { buildBenchOperations } from './operations';
import type { BenchProcess } from './processes';
import { writeReport, type BenchReport } from './report';
import { measureFederationOverhead } from './scenarios/federation-overhead';
import { ingestionFailed, measureIngestion } from './scenarios/ingestion';
import {
  measureNationalAggregates,
  nationalAggregatesFailed,
  nationalAggregatesSkipped,
} from './scenarios/national-aggregates';
import { measureSqlPerOperation } from './scenarios/sql-per-operation';
import { measureStartTime, startTimeSkipped } from './scenarios/start-time';
import { gatewayTargets, targetLine, type TargetResult } from './targets';
import { createBenchViewers } from './viewers';

/**
 * `pnpm bench [--quick]`: seeds a database of its own, runs the subgraphs and three gateways as
 * separate processes, runs every scenario, writes test/bench/RESULTS.md and results.json, and ends
 * with one line per target. `--quick` is the CI smoke: one short run of each cell, under 2 minutes.
 * The full run also measures aggregates at England's size on a national database that it seeds
 * once (about 3 minutes) and keeps for later runs; `--reseed-national` seeds it again.
 */
const quick = process.argv.includes('--quick');
const plan: GatewayScenarioPlan = quick
  ? {
      connections: [20],
      repeats: 1,
      durationSeconds: 2,
      warmUpSeconds: 0,
      operations: ['school-profile', 'trust-profile'],
      trustDurationFactor: 2,
    }
  : {
      connections: [20, 50],
      repeats: 3,
      // Short runs so that a fresh clone, which must seed the national database (3 to 4
      // minutes), still finishes the full run within 15 minutes; repeats give the spread.
      durationSeconds: 3,
      warmUpSeconds: 1,
      operations: ['school-profile', 'trust-profile'],
      trustDurationFactor: 1,
    };

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  const startedAt = new Date();
  const bench = buildBenchEstate();
  const operations = buildBenchOperations();
  log(`Operations cover: school ${operations.schoolProfileParts.join(', ')}`);
  log('Seeding a database of its own');
  const database = await createBenchDatabase(bench);
  const workDir = mkdtempSync(join(tmpdir(), 'estate-bench-'));
  const processes: BenchProcess[] = [];
  try {
    const subgraphs = await startSubgraphProcesses(database.url);
    processes.push(...subgraphs.processes);
    const viewers = await createBenchViewers(
      subgraphs.urls.academies!,
      bench.localAuthorityCodes[0]!,
      bench.growingTrusts[50].groupUid,
      bench.openSchoolUrns[0]!,
    );
    const viewersPath = join(workDir, 'viewers.json');
    writeFileSync(viewersPath, JSON.stringify(viewers));

    const gateways: StartedGateway[] = [];
    for (const name of ['estate', 'apollo', 'hive'] as const) {
      const gateway = await startGateway(name, subgraphs.urls, viewersPath, viewers[0]!.token);
      gateways.push(gateway);
      processes.push(gateway.process);
    }
    const sources = requestSources(operations, bench, viewers);
    const notes = await checkSameAnswers(gateways, sources);
    notes.forEach((note) => log(`  ${note}`));

    log('Gateway scenario');
    const subgraphPids = Object.fromEntries(subgraphs.processes.map((p) => [p.name, p.pid]));
    const cells: GatewayCell[] = await runGatewayScenario(
      gateways,
      sources,
      plan,
      subgraphPids,
      log,
    );
    for (const gateway of gateways) await gateway.process.stop();

    log('SQL per operation');
    const sql = await measureSqlPerOperation(database.url, bench, operations, viewers);
    log('Federation overhead');
    const overhead = await measureFederationOverhead(
      database.url,
      bench,
      operations,
      viewers,
      quick,
    );
    log('Ingestion');
    // Our gateway again, alone this time, in front of the same subgraph processes.
    const ingestionGateway = await startGateway(
      'estate',
      subgraphs.urls,
      viewersPath,
      viewers[0]!.token,
    );
    processes.push(ingestionGateway.process);
    const ingestion = await measureIngestion({
      databaseUrl: database.url,
      gatewayUrl: ingestionGateway.url,
      subgraphUrl: subgraphs.urls.attendance!,
      schoolViewer: viewers.find((v) => v.label === 'school')!,
      workDir,
      quick,
      log,
    }).catch((error: unknown) => {
      log(`  ingestion failed: ${error instanceof Error ? error.message : String(error)}`);
      return ingestionFailed(error);
    });
    await ingestionGateway.process.stop();
    for (const subgraph of subgraphs.processes) await subgraph.stop();
    // Its own database and its own subgraph processes and gateway, on the same ports as the ones
    // just stopped. The national seed is made once and reused by later runs (--reseed-national).
    log('Aggregates at England’s size');
    const aggregates = quick
      ? nationalAggregatesSkipped()
      : await measureNationalAggregates({
          workDir,
          log,
          reseed: process.argv.includes('--reseed-national'),
        }).catch((error: unknown) => {
          log(`  aggregates failed: ${error instanceof Error ? error.message : String(error)}`);
          return nationalAggregatesFailed(error);
        });
    log('Start time');
    const start = quick ? startTimeSkipped() : await measureStartTime();

    const targets: TargetResult[] = [
      ...gatewayTargets(cells, true),
      ...sql.targets,
      ...ingestion.targets,
      ...aggregates.targets,
      ...start.targets,
    ];
    const report: BenchReport = {
      quick,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      plan,
      operations,
      gateways: gateways.map(({ name, description }) => ({ name, description })),
      correctness: notes,
      cells,
      sql,
      overhead,
      ingestion,
      aggregates,
      start,
      targets,
    };
    const folder = await writeReport(report);
    log(`\nReport written to ${folder}/RESULTS.md and results.json`);
    for (const target of targets) log(targetLine(target));
    return 0;
  } finally {
    for (const running of processes.reverse()) await running.stop();
    await database.drop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
