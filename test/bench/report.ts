import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { GatewayCell, GatewayName, GatewayScenarioPlan } from './gateway-scenario';
import type { BenchOperations } from './operations';
import { REPO_ROOT } from './processes';
import type { FederationOverheadResult } from './scenarios/federation-overhead';
import type { IngestionResult } from './scenarios/ingestion';
import type { NationalAggregatesResult } from './scenarios/national-aggregates';
import type { SqlResult } from './scenarios/sql-per-operation';
import type { StartTimeResult } from './scenarios/start-time';
import { relativeSpread, round, type Summary } from './stats';
import { targetLine, type TargetResult, verdictOf } from './targets';

export interface BenchReport {
  quick: boolean;
  startedAt: string;
  finishedAt: string;
  plan: GatewayScenarioPlan;
  operations: BenchOperations;
  gateways: { name: GatewayName; description: string }[];
  correctness: string[];
  cells: GatewayCell[];
  sql: SqlResult;
  overhead: FederationOverheadResult;
  ingestion: IngestionResult;
  aggregates: NationalAggregatesResult;
  start: StartTimeResult;
  targets: TargetResult[];
}

const BENCH_DIR = join(REPO_ROOT, 'test', 'bench');

function versionOf(packageName: string): string {
  try {
    const path = join(REPO_ROOT, 'node_modules', packageName, 'package.json');
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function commandOutput(command: string): string {
  try {
    return execSync(command, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

export function machineAndVersions() {
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    kernel: commandOutput('uname -sr'),
    node: process.version,
    postgres: commandOutput(
      `psql "${process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'}" -Atc "show server_version"`,
    ),
    commit: commandOutput('git rev-parse --short HEAD'),
    packages: Object.fromEntries(
      [
        '@apollo/gateway',
        '@apollo/server',
        '@graphql-hive/gateway',
        'autocannon',
        'graphql',
        'typescript',
      ].map((name) => [name, versionOf(name)]),
    ),
  };
}

const number = (value: number, digits = 1) =>
  Number.isFinite(value) ? String(round(value, digits)) : 'n/a';
const withSpread = (summary: Summary, digits = 1) =>
  `${number(summary.median, digits)} (${number(summary.min, digits)}–${number(summary.max, digits)})`;

function gatewayTable(report: BenchReport): string[] {
  const lines = [
    '| operation | mix | conn | gateway | req/s median (range) | p50 ms | p99 ms | gateway CPU ms/req | subgraph CPU ms/req | gateway share of CPU | spread | non-2xx/errors |',
    '| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const cell of report.cells) {
    const subgraphCpu = Object.entries(cell.subgraphCpuMsPerRequest)
      .map(([name, ms]) => `${name} ${number(ms)}`)
      .join(', ');
    const subgraphTotal = Object.values(cell.subgraphCpuMsPerRequest).reduce((a, b) => a + b, 0);
    const gatewayShare =
      cell.cpuMsPerRequest.median / (cell.cpuMsPerRequest.median + subgraphTotal);
    lines.push(
      `| ${cell.operation} | ${cell.mix} | ${cell.connections} | ${cell.gateway} | ` +
        `${withSpread(cell.requestsPerSecond)} | ${number(cell.p50Ms.median, 0)} | ` +
        `${withSpread(cell.p99Ms, 0)} | ${withSpread(cell.cpuMsPerRequest, 2)} | ${subgraphCpu} | ` +
        `${number(gatewayShare * 100, 0)} % | ` +
        `±${number(relativeSpread(cell.requestsPerSecond) * 50, 0)} % | ${cell.non2xx}/${cell.errors} |`,
    );
  }
  return lines;
}

function ratioTable(report: BenchReport): string[] {
  const lines = [
    '| operation | mix | conn | req/s vs hive | p99 vs hive | req/s vs apollo | CPU/req vs apollo |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const find = (cell: GatewayCell, gateway: GatewayName) =>
    report.cells.find(
      (c) =>
        c.gateway === gateway &&
        c.operation === cell.operation &&
        c.mix === cell.mix &&
        c.connections === cell.connections,
    );
  for (const ours of report.cells.filter((c) => c.gateway === 'estate')) {
    const hive = find(ours, 'hive');
    const apollo = find(ours, 'apollo');
    const ratio = (a: number, b: number | undefined) => (b ? number(a / b, 2) : 'n/a');
    lines.push(
      `| ${ours.operation} | ${ours.mix} | ${ours.connections} | ` +
        `${ratio(ours.requestsPerSecond.median, hive?.requestsPerSecond.median)} | ` +
        `${ratio(ours.p99Ms.median, hive?.p99Ms.median)} | ` +
        `${ratio(ours.requestsPerSecond.median, apollo?.requestsPerSecond.median)} | ` +
        `${ratio(ours.cpuMsPerRequest.median, apollo?.cpuMsPerRequest.median)} |`,
    );
  }
  return lines;
}

function ingestionSection(report: BenchReport): string[] {
  const { ingestion } = report;
  const { plan, mutationRowsPerSecond, importRowsPerSecond, copyRowsPerSecond } = ingestion;
  if (
    !ingestion.measured ||
    !plan ||
    !mutationRowsPerSecond ||
    !importRowsPerSecond ||
    !copyRowsPerSecond
  ) {
    return [`Not measured: ${ingestion.reason}.`];
  }
  const { profile } = ingestion;
  const gatewayShare = profile
    ? 1 - mutationRowsPerSecond.median / profile.directToSubgraphRowsPerSecond.median
    : Number.NaN;
  const writeShare = profile
    ? profile.importWriteSeconds.median /
      (profile.importWriteSeconds.median + profile.importStagingSeconds.median)
    : Number.NaN;
  const versusCopy = (summary: Summary) => number(summary.median / copyRowsPerSecond.median, 3);
  return [
    `One school (URN ${ingestion.urn}) with ${plan.pupils} pupils on roll. Each timed run sends ` +
      `${plan.schoolDaysPerRun} school-day batch(es) of ${plan.pupils} pupils × AM and PM ` +
      `(${ingestion.rowsPerRun} marks) through each path, on fresh past school days so every ` +
      `mark is inserted; one untimed warm-up run, then ${plan.repeats} timed runs with the paths ` +
      'alternating within each run; median rows/s with the (min–max) range.',
    '',
    '- **submitRegister**: one mutation per school-day through our gateway (its own process, ' +
      'in front of the subgraph processes), as the school with a bench token; the request body ' +
      'is built before the clock starts, and every answer is checked for all marks inserted.',
    '- **pnpm import registers**: `importRegisterCsv` on an ORM of its own, as the import ' +
      'command runs it (its COPY into staging, validation and the same upsert as ' +
      '`submitRegister`, rollups included), over a CSV of all the run’s school-days.',
    '- **raw COPY**: the same CSV through `COPY … FROM STDIN` (pg-copy-streams) into a plain ' +
      'table with the CSV’s columns, typed, and no index or key, on an open connection.',
    '',
    '| path | rows/s median (range) | vs raw COPY |',
    '| --- | ---: | ---: |',
    `| submitRegister via gateway | ${withSpread(mutationRowsPerSecond, 0)} | ${versusCopy(mutationRowsPerSecond)} |`,
    `| pnpm import registers | ${withSpread(importRowsPerSecond, 0)} | ${versusCopy(importRowsPerSecond)} |`,
    `| raw COPY, unindexed | ${withSpread(copyRowsPerSecond, 0)} | 1 |`,
    ...(profile
      ? [
          '',
          'Where the time goes, measured in the same runs:',
          '',
          '| profile | median (range) |',
          '| --- | ---: |',
          `| submitRegister straight to the attendance subgraph (signed viewer, no gateway), rows/s | ` +
            `${withSpread(profile.directToSubgraphRowsPerSecond, 0)} |`,
          `| import: COPY into staging, s per run | ${withSpread(profile.importStagingSeconds, 3)} |`,
          `| import: validation and upsert (marks, enrolments, rollups, day counts), s per run | ` +
            `${withSpread(profile.importWriteSeconds, 3)} |`,
          `| raw COPY of the same rows, s per run | ` +
            `${number((ingestion.rowsPerRun ?? 0) / copyRowsPerSecond.median, 3)} |`,
          '',
          'The gateway’s share of the mutation is the gap between the first row and the ' +
            `mutation row above (${number(gatewayShare * 100, 0)} % of its time); the rest is ` +
            'the subgraph, whose validation and upsert are the same code the import runs after ' +
            `staging. The import spends ${number(writeShare * 100, 0)} % of its time in that ` +
            'validation and upsert, work that raw COPY into an unindexed table does not do.',
          '',
          'That validation and upsert by statement, s per run, from sent to answered as the ORM’s ' +
            'query builder reports them. They run one after another in one transaction, so the ' +
            'rest of the phase is Node’s (reading the staged rows back, checking them and ' +
            'building the rows it sends) and the commit’s, which the query builder does not time.',
          '',
          '| statement | s per run, median (range) |',
          '| --- | ---: |',
          ...profile.importWriteStatements.map(
            ({ statement, seconds }) => `| ${statement} | ${withSpread(seconds, 3)} |`,
          ),
          `| the rest: Node, and the commit | ${withSpread(profile.importWriteOutsideSqlSeconds, 3)} |`,
        ]
      : []),
  ];
}

function aggregatesSection(report: BenchReport): string[] {
  const { aggregates } = report;
  const { plan, database, rows, localAuthority, period, cases, rawSql } = aggregates;
  if (!aggregates.measured || !plan || !database || !rows || !localAuthority || !period || !cases) {
    return [`Not measured: ${aggregates.reason}.`];
  }
  const seeded = database.reused
    ? `reused from an earlier run (seeded ${database.seededAt.slice(0, 16).replace('T', ' ')} UTC in ` +
      `${number(database.seedSeconds, 0)} s; the bench seeds it once and keeps it, ` +
      '`--reseed-national` seeds it again)'
    : `seeded in this run in ${number(database.seedSeconds, 0)} s and kept for later runs`;
  const figureRows = cases.flatMap((c) =>
    Object.entries(c.figures).map(
      ([group, f]) =>
        `| ${c.name} | ${group} | ${f.schools} | ${f.possibleSessions} | ` +
        `${number(f.overallAbsenceRate, 2)} | ${f.enrolments} | ${f.persistentlyAbsentEnrolments} | ` +
        `${number(f.persistentAbsenceRate, 2)} |`,
    ),
  );
  return [
    `The national database (${database.name}: academies and attendance national seeds) was ` +
      `${seeded}: ${rows.schools} schools with rollups, ${rows.dailyRollup} \`daily_rollup\` rows and ` +
      `${rows.persistenceRollup} \`persistence_rollup\` rows. Year to date is ${period.academicYear}, ` +
      `${period.from} to ${period.to}; the LA is the largest, ${localAuthority.code} ` +
      `${localAuthority.name} (${localAuthority.schools} schools). Each case asks for sessions by ` +
      'class, absence rates, schools, enrolments and persistent and severe absence, overall or ' +
      'for FSM and non-FSM pupils (two aliased fields in one request, one statement by ' +
      '`group_value` in the raw SQL).',
    '',
    '- **gateway** (the P9 figure): our gateway (its own process in front of the subgraph ' +
      'processes) as a DfE viewer with a bench token. Through the gateway because ' +
      '`LocalAuthority.attendance` `@requires` the LA’s `schoolSpans`, which the gateway fetches ' +
      'from academies and passes on; its subgraph timeout is raised to 120 s for this scenario ' +
      '(above the 30 s default, so that a cold run on a busy machine is measured, not refused).',
    '- **subgraph**: the same request straight to the attendance subgraph with a signed DfE ' +
      'viewer; the LA through `_entities` with the spans the gateway would pass.',
    '- **raw SQL**: the hand-written statement below over the two rollup tables, on an open ' +
      'connection with the same `work_mem` as the attendance subgraph’s connections; its figures ' +
      'are checked equal to the API’s (and the subgraph’s) before timing.',
    '',
    `One untimed cold run of each path per case, then ${plan.repeats} timed runs with the paths ` +
      'alternating (a different one first each run); median ms with the (min–max) range. P9 is ' +
      'the worst of the four cases’ gateway median / raw SQL median.',
    '',
    '| case | cold ms gateway / subgraph / raw | gateway ms | subgraph ms | raw SQL ms | API / raw |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...cases.map(
      (c) =>
        `| ${c.name} | ${number(c.coldMs.gateway, 0)} / ${number(c.coldMs.subgraph, 0)} / ` +
        `${number(c.coldMs.raw, 0)} | ${withSpread(c.ms.gateway, 0)} | ${withSpread(c.ms.subgraph, 0)} | ` +
        `${withSpread(c.ms.raw, 0)} | ${number(c.ratio, 2)} |`,
    ),
    '',
    'The figures, identical from the API and the raw SQL:',
    '',
    '| case | group | schools | possible sessions | overall absence % | enrolments | persistently absent | PA % |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...figureRows,
    '',
    '<details><summary>The raw SQL ($1 the dimension, $2 and $3 the period, $4 the LA code)</summary>',
    '',
    'England:',
    '',
    '```sql',
    rawSql?.national ?? '',
    '```',
    '',
    'The LA:',
    '',
    '```sql',
    rawSql?.localAuthority ?? '',
    '```',
    '',
    '</details>',
  ];
}

export function renderMarkdown(report: BenchReport, machine = machineAndVersions()): string {
  const { plan, sql, overhead } = report;
  const lines: string[] = [
    `# Benchmark results${report.quick ? ' (quick smoke run)' : ''}`,
    '',
    `Written by \`pnpm bench${report.quick ? ' --quick' : ''}\` (test/bench/run.ts). ` +
      `Run ${report.startedAt} to ${report.finishedAt}, commit ${machine.commit} plus the working tree.`,
    '',
    '## Machine and versions',
    '',
    `- ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.kernel}`,
    `- Node ${machine.node}, PostgreSQL ${machine.postgres}`,
    ...Object.entries(machine.packages).map(([name, version]) => `- ${name} ${version}`),
    '',
    'Everything runs on this one machine over loopback: PostgreSQL, four subgraph processes, the ' +
      'gateways and autocannon share the cores, so absolute figures are noise and only the ratios ' +
      'of runs made side by side mean anything.',
    '',
    '## How it was measured',
    '',
    `- Gateways: ${report.gateways.map((g) => `**${g.name}**: ${g.description}`).join('; ')}. ` +
      'Each is its own process (`node --import tsx`), over the same subgraph processes and ' +
      'database; CPU is utime+stime from /proc/<pid>/stat around each run, divided by answered requests.',
    '- The peers get each token’s resolved viewer up front and only sign it per request; ours ' +
      'verifies the JWT (cached until expiry), applies limits and cost analysis, and signs. ' +
      'That favours the peers.',
    `- Each cell: ${plan.warmUpSeconds} s warm-up per gateway, then ${plan.repeats} run(s) of ` +
      `${plan.durationSeconds} s per gateway, round-robin; median with the (min–max) range.` +
      (report.quick
        ? ''
        : ' Runs are short so that a fresh clone, which seeds the national database first, ' +
          'finishes the full run within 15 minutes.'),
    '- *realistic*: URNs (school) or one of 8 trusts of 50 schools (trust) drawn per request, ' +
      'tokens of six viewers (3 DfE, an LA, a trust, a school). *flood*: one identical request.',
    '- Headline ratios combine the cells of a mix (operations × connections) by geometric mean.',
    `- Operations are built from the supergraph's fields; this run's SchoolProfile covers ` +
      `${report.operations.schoolProfileParts.join(', ')} and the trust query ` +
      `${report.operations.trustProfileParts.join(', ')}. All gateways gave identical data: ` +
      `${report.correctness.join('; ')}.`,
    '',
    '<details><summary>The operations</summary>',
    '',
    '```graphql',
    report.operations.schoolProfile,
    '',
    report.operations.trustProfile,
    '```',
    '',
    '</details>',
    '',
    '## 1. Gateway',
    '',
    ...ratioTable(report),
    '',
    ...gatewayTable(report),
    '',
    'Where the time goes: the subgraph CPU column is each subgraph process’s CPU per answered ' +
      'request during the same runs, and the share column is the gateway’s part of gateway plus ' +
      'subgraph CPU (PostgreSQL and autocannon come on top). The peers send each request’s ' +
      'entity fetches on their own; ours joins one viewer’s entity fetches of the same document ' +
      'made in the same turn into one call, so on the realistic mix its subgraphs answer fewer, ' +
      'larger calls (each resolved with one statement per loader) and use less CPU per request. ' +
      'On the flood, merging identical fetches removes most of the subgraphs’ work for ours and ' +
      'Hive’s alike, and the gateways’ own CPU decides.',
    '',
    '## 2. Federation overhead',
    '',
    `SchoolProfile through our gateway against the same ${overhead.stages.flat().length} subgraph ` +
      `calls its plan makes, sent straight to the subgraphs in the plan's stages ` +
      `(${overhead.stages.map((s) => s.join(' + ')).join(' → ')}), one request at a time, ` +
      `${overhead.iterations} alternating iterations, in one process.`,
    '',
    '| path | median ms (range) |',
    '| --- | ---: |',
    `| gateway | ${withSpread(overhead.gatewayMs)} |`,
    `| direct subgraph calls | ${withSpread(overhead.directMs)} |`,
    `| ratio | ${number(overhead.ratio, 2)} |`,
    '',
    '## 3. SQL statements per operation',
    '',
    'The trust query as a DfE viewer, counted with the kit’s QueryLog in each subgraph and the ' +
      'gateway’s fetches through a recording proxy (one warm-up request first).',
    '',
    '| trust schools | on page | fetches by subgraph | statements by subgraph | total | max per fetch |',
    '| ---: | ---: | --- | --- | ---: | ---: |',
    ...sql.rows.map(
      (row) =>
        `| ${row.trustSchools} | ${row.schoolsOnPage} | ${JSON.stringify(row.fetchesBySubgraph)} | ` +
        `${JSON.stringify(row.statementsBySubgraph)} | ${row.totalStatements} | ` +
        `${number(row.maxStatementsPerFetch, 2)} |`,
    ),
    '',
    '## 4. Ingestion',
    '',
    ...ingestionSection(report),
    '',
    '## 5. Aggregates at England’s size',
    '',
    ...aggregatesSection(report),
    '',
    '## 6. Start',
    '',
    report.start.secondsToFirstAnswer === null
      ? `Not measured: ${report.start.note}.`
      : `A first \`pnpm start\` (fresh embedded PostgreSQL in a temporary EMBEDDED_PG_DIR, ` +
        `migrations, demo seed, four subgraphs, gateway) answered its first query after ` +
        `${number(report.start.secondsToFirstAnswer, 1)} s, the median of ` +
        `${report.start.runs?.runs.length ?? 1} runs (${number(report.start.runs?.min ?? 0, 1)}` +
        `–${number(report.start.runs?.max ?? 0, 1)} s). Where the time went in the median run, by ` +
        'the first time each line appeared on its output:',
    '',
    ...(report.start.timeline.length > 0 ? ['| s | line |', '| ---: | --- |'] : []),
    ...report.start.timeline.map((entry) => `| ${number(entry.seconds, 1)} | ${entry.line} |`),
    '',
    '## Targets',
    '',
    '| id | target | value | goal | verdict |',
    '| --- | --- | ---: | --- | --- |',
    ...report.targets.map(
      (t) =>
        `| ${t.id} | ${t.name} | ${t.value === null ? 'n/a' : number(t.value, 2)} | ` +
        `${t.comparison} ${t.target} | ${verdictOf(t)} |`,
    ),
    '',
    '```',
    ...report.targets.map(targetLine),
    '```',
    '',
  ];
  return lines.join('\n');
}

/**
 * RESULTS.md and results.json beside this file for a full run; the quick smoke writes to a
 * temporary folder instead, so that it never replaces the committed results. Returns the folder.
 */
export async function writeReport(report: BenchReport): Promise<string> {
  const machine = machineAndVersions();
  const folder = report.quick ? mkdtempSync(join(tmpdir(), 'estate-bench-quick-')) : BENCH_DIR;
  // Formatted as the repo's Prettier would, so that `pnpm format:check` passes on a fresh report.
  const options = (await resolveConfig(join(BENCH_DIR, 'RESULTS.md'))) ?? {};
  const markdown = await format(renderMarkdown(report, machine), {
    ...options,
    parser: 'markdown',
  });
  const json = await format(JSON.stringify({ machine, ...report }), { ...options, parser: 'json' });
  writeFileSync(join(folder, 'RESULTS.md'), markdown);
  writeFileSync(join(folder, 'results.json'), json);
  return folder;
}
