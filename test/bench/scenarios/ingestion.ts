import { upnCheckLetter } from '@estate/attendance/src/domain/upn';
import { importRegisterCsv, REGISTER_CSV_COLUMNS } from '@estate/attendance/src/import/registers';
import { schoolDays } from '@estate/attendance/src/seed/demo-registers';
import { AcademicYear, migrate, signViewer } from '@estate/subgraph-kit';
import { createReadStream, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { SUBGRAPHS } from '../../../schema/subgraphs';
import { postOnce } from '../load';
import { REPO_ROOT } from '../processes';
import { summarise, type Summary } from '../stats';
import type { TargetResult } from '../targets';
import { BENCH_SECRETS, type BenchViewer } from '../viewers';

/**
 * pg-copy-streams is a dependency of @estate/attendance, not of the workspace root, so it is loaded
 * through that package's own resolution rather than added to the root.
 */
const { from: copyFrom } = createRequire(
  join(REPO_ROOT, 'subgraphs', 'attendance', 'package.json'),
)('pg-copy-streams') as { from: (text: string) => pg.Submittable & Writable };

export interface IngestionPlan {
  /** Pupils on the register of the one school; each school-day batch carries AM and PM for each. */
  pupils: number;
  /** School-day batches per timed run, sent one after another. */
  schoolDaysPerRun: number;
  /** Timed runs of each path, after one untimed warm-up run of each. */
  repeats: number;
}

export const INGESTION_PLANS: Record<'full' | 'quick', IngestionPlan> = {
  full: { pupils: 1000, schoolDaysPerRun: 5, repeats: 5 },
  quick: { pupils: 1000, schoolDaysPerRun: 1, repeats: 2 },
};

export interface IngestionResult {
  measured: boolean;
  reason: string;
  plan?: IngestionPlan;
  urn?: number;
  /** Marks (= CSV rows) per timed run of each path. */
  rowsPerRun?: number;
  mutationRowsPerSecond?: Summary;
  importRowsPerSecond?: Summary;
  copyRowsPerSecond?: Summary;
  /**
   * Where the time goes. The same batches sent straight to the attendance subgraph, signed as our
   * gateway signs them (so the gateway's share is the difference), and the bulk path's two phases:
   * COPY into staging, then validation and the upsert. Seconds per run, median and range.
   */
  profile?: {
    directToSubgraphRowsPerSecond: Summary;
    importStagingSeconds: Summary;
    importWriteSeconds: Summary;
    /** The write phase's statements by kind, longest first, s per run from the driver's view. */
    importWriteStatements: { statement: string; seconds: Summary }[];
    /** The write phase's time outside its timed statements: Node's work, and the commit. */
    importWriteOutsideSqlSeconds: Summary;
  };
  targets: TargetResult[];
}

const SESSIONS = ['AM', 'PM'] as const;
/** 2021/22: past, in the 2024 code table's reach for /, \, I and O, and apart from the demo's years. */
const BENCH_ACADEMIC_YEAR = AcademicYear.of(2021);
const ADMITTED_ON = '2021-09-01';
/** A plain (logged) table without indexes or keys, with the CSV's columns, typed. */
const COPY_TABLE = 'public.bench_ingestion_copy';

interface BenchPupil {
  upn: string;
  dateOfBirth: string;
  yearGroup: number;
  sex: 'F' | 'M';
  freeSchoolMeals: boolean;
  senStatus: 'N' | 'K' | 'E';
  englishAsAdditionalLanguage: boolean;
  admittedOn: string;
  leftOn: null;
}

/** What the ORM's query builder (knex) passes to its query listeners. */
interface KnexQueryEvent {
  /** Absent on BEGIN and COMMIT, which are never answered as queries. */
  __knexQueryUid?: string;
  sql: string;
}

interface QueryEvents {
  on(event: 'query', listener: (query: KnexQueryEvent) => void): unknown;
  on(
    event: 'query-response' | 'query-error',
    listener: (outcome: unknown, query: KnexQueryEvent) => void,
  ): unknown;
}

interface BenchMark {
  upn: string;
  date: string;
  session: string;
  code: string;
  recordedAt: null;
}

/**
 * One register of `count` pupils per path, with UPNs of their own (900 + path, four zeros, a
 * 5-digit serial) and valid check letters, so that each path writes its own enrolments and marks.
 */
function benchPupils(path: number, count: number): BenchPupil[] {
  return Array.from({ length: count }, (_, index) => {
    const body = `${900 + path}0000${String(index).padStart(5, '0')}`;
    const yearGroup = 1 + (index % 9);
    return {
      upn: `${upnCheckLetter(body)}${body}`,
      // Spring-born for the year group they are in during 2021/22, so of compulsory school age.
      dateOfBirth: `${2016 - yearGroup}-03-15`,
      yearGroup,
      sex: index % 2 === 0 ? 'F' : 'M',
      freeSchoolMeals: index % 4 === 0,
      senStatus: index % 7 === 0 ? 'K' : index % 31 === 0 ? 'E' : 'N',
      englishAsAdditionalLanguage: index % 5 === 0,
      admittedOn: ADMITTED_ON,
      leftOn: null,
    };
  });
}

/** Mostly present, with illness and unauthorised absence spread through the register. */
function codeFor(index: number, session: (typeof SESSIONS)[number]): string {
  if (index % 20 === 3) return 'I';
  if (index % 37 === 5) return 'O';
  return session === 'AM' ? '/' : '\\';
}

function marksOf(pupils: BenchPupil[], date: string): BenchMark[] {
  return pupils.flatMap((pupil, index) =>
    SESSIONS.map((session) => ({
      upn: pupil.upn,
      date,
      session,
      code: codeFor(index, session),
      recordedAt: null,
    })),
  );
}

function csvOf(urn: number, pupils: BenchPupil[], dates: string[]): string {
  const lines = [REGISTER_CSV_COLUMNS.join(',')];
  for (const date of dates) {
    pupils.forEach((pupil, index) => {
      for (const session of SESSIONS) {
        lines.push(
          [
            urn,
            pupil.upn,
            pupil.dateOfBirth,
            pupil.yearGroup,
            pupil.sex,
            pupil.freeSchoolMeals,
            pupil.senStatus,
            pupil.englishAsAdditionalLanguage,
            pupil.admittedOn,
            '',
            date,
            session,
            // The PM present code is a backslash, which CSV (unlike COPY's text format) takes as is.
            codeFor(index, session),
            '',
          ].join(','),
        );
      }
    });
  }
  return `${lines.join('\n')}\n`;
}

/** A statement's verb and the attendance table it names first, e.g. "insert daily_rollup". */
function statementKind(sql: string): string {
  const text = sql.trim().toLowerCase();
  const verb = /^[a-z]+/.exec(text)?.[0] ?? 'other';
  const table = /attendance\.(\w+)/.exec(text)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/**
 * Seconds by statement kind, from sent to answered as the query builder reports them, while
 * `recording`. The import's write phase sends its statements one after another on one
 * transaction, so the time they leave over is Node's own, and the commit's.
 */
class StatementTimes {
  private recording = false;
  private readonly seconds = new Map<string, number>();
  private readonly sentAt = new Map<string, number>();

  constructor(knex: QueryEvents) {
    knex.on('query', (query: KnexQueryEvent) => {
      if (this.recording && query.__knexQueryUid) {
        this.sentAt.set(query.__knexQueryUid, performance.now());
      }
    });
    const answered = ({ __knexQueryUid: id, sql }: KnexQueryEvent) => {
      const sentAt = id === undefined ? undefined : this.sentAt.get(id);
      if (id === undefined || sentAt === undefined) return;
      this.sentAt.delete(id);
      const kind = statementKind(sql);
      this.seconds.set(kind, (this.seconds.get(kind) ?? 0) + (performance.now() - sentAt) / 1000);
    };
    knex.on('query-response', (_response: unknown, query: KnexQueryEvent) => answered(query));
    knex.on('query-error', (_error: unknown, query: KnexQueryEvent) => answered(query));
  }

  start(): void {
    this.seconds.clear();
    this.sentAt.clear();
    this.recording = true;
  }

  stop(): Map<string, number> {
    this.recording = false;
    return new Map(this.seconds);
  }

  /** Each kind's median over the runs, longest first; a kind missing from a run counts as 0 s. */
  static summarise(runs: Map<string, number>[]): { statement: string; seconds: Summary }[] {
    const kinds = new Set(runs.flatMap((run) => [...run.keys()]));
    return [...kinds]
      .map((statement) => ({
        statement,
        seconds: summarise(runs.map((run) => run.get(statement) ?? 0)),
      }))
      .sort((a, b) => b.seconds.median - a.seconds.median);
  }
}

const SUBMIT_REGISTER = `mutation SubmitRegister($input: SubmitRegisterInput!) {
  submitRegister(input: $input) { submissionId inserted amended unchanged stale pupils }
}`;

interface SubmitAnswer {
  submitRegister?: { inserted: number; amended: number; unchanged: number; stale: number };
}

function unmeasured(reason: string): IngestionResult {
  return {
    measured: false,
    reason,
    targets: [
      {
        id: 'P7',
        name: 'submit-register-rows-vs-copy',
        value: null,
        comparison: '>=',
        target: 0.5,
      },
      {
        id: 'P8',
        name: 'import-registers-rows-vs-copy',
        value: null,
        comparison: '>=',
        target: 0.8,
      },
    ],
  };
}

/**
 * `submitRegister` school-day batches (1,000 pupils × AM and PM) through our gateway, as the
 * school itself with a bench token, and `pnpm import registers` (`importRegisterCsv`, as the import
 * command calls it, on an ORM of its own) on a CSV of the same shape, each against a raw
 * `COPY … FROM STDIN` of the CSV's rows into a plain unindexed table, in rows per second. Each
 * timed run writes fresh school days, so every mark is inserted; the three paths alternate within
 * a run and each reports the median and range over the runs. For the profile, the same batches
 * also go straight to the attendance subgraph, and the import's staging and writing are timed apart.
 */
export async function measureIngestion(options: {
  databaseUrl: string;
  gatewayUrl: string;
  /** The attendance subgraph's own URL, for the profile's straight-to-the-subgraph path. */
  subgraphUrl: string;
  schoolViewer: BenchViewer;
  workDir: string;
  quick: boolean;
  log: (line: string) => void;
}): Promise<IngestionResult> {
  const plan = INGESTION_PLANS[options.quick ? 'quick' : 'full'];
  const urn = options.schoolViewer.viewer.urn;
  if (urn === undefined) return unmeasured('the bench school viewer has no URN');
  const days = schoolDays(BENCH_ACADEMIC_YEAR, BENCH_ACADEMIC_YEAR.lastDay)
    .filter((day) => !day.inset)
    .map((day) => day.date);
  const runs = plan.repeats + 1;
  // Each path (gateway, import, straight to the subgraph) takes days of its own in every run, so
  // no path or run rewrites marks another wrote.
  const paths = 3;
  const neededDays = runs * plan.schoolDaysPerRun * paths;
  if (days.length < neededDays) {
    return unmeasured(`${neededDays} school days wanted, ${days.length} in the bench year`);
  }
  const rowsPerRun = plan.pupils * SESSIONS.length * plan.schoolDaysPerRun;
  const mutationPupils = benchPupils(1, plan.pupils);
  const importPupils = benchPupils(2, plan.pupils);
  const directPupils = benchPupils(3, plan.pupils);

  const attendance = await SUBGRAPHS.find((entry) => entry.name === 'attendance')!.load();
  const orm = await attendance.createOrm(options.databaseUrl);
  const copyClient = new pg.Client({ connectionString: options.databaseUrl });
  await copyClient.connect();
  const mutationRates: number[] = [];
  const importRates: number[] = [];
  const copyRates: number[] = [];
  const directRates: number[] = [];
  const stagingSeconds: number[] = [];
  const writeSeconds: number[] = [];
  const statementTimes = new StatementTimes(orm.em.getConnection().getKnex());
  const writeStatementRuns: Map<string, number>[] = [];
  const outsideSqlSeconds: number[] = [];
  const submit = async (url: string, body: string, headers: () => Record<string, string>) => {
    const answer = await postOnce(url, { body, headers: headers() });
    const result = (answer.body.data as SubmitAnswer | undefined)?.submitRegister;
    if (answer.status !== 200 || !result || result.inserted !== plan.pupils * SESSIONS.length) {
      throw new Error(`submitRegister: ${JSON.stringify(answer.body).slice(0, 400)}`);
    }
  };
  const bodiesOf = (pupils: BenchPupil[], dates: string[]) =>
    dates.map((date) =>
      JSON.stringify({
        query: SUBMIT_REGISTER,
        variables: { input: { urn, pupils, marks: marksOf(pupils, date) } },
      }),
    );
  const viaGateway = () => ({ authorization: `Bearer ${options.schoolViewer.token}` });
  const signed = () => signViewer(options.schoolViewer.viewer, BENCH_SECRETS.GATEWAY_SECRET);
  try {
    // As `pnpm import` does before it runs an importer; a no-op on the migrated bench database.
    await migrate(orm, attendance.schema);
    await copyClient.query(`drop table if exists ${COPY_TABLE}`);
    await copyClient.query(
      `create table ${COPY_TABLE} (urn integer, upn text, date_of_birth date,
         year_group smallint, sex text, fsm boolean, sen_status text, eal boolean,
         admitted_on date, left_on date, date date, session text, code text,
         recorded_at timestamptz)`,
    );
    for (let run = 0; run < runs; run += 1) {
      const daysOf = (path: number) => {
        const first = (run * paths + path) * plan.schoolDaysPerRun;
        return days.slice(first, first + plan.schoolDaysPerRun);
      };
      const importDays = daysOf(1);
      const csvPath = join(options.workDir, `registers-${run}.csv`);
      writeFileSync(csvPath, csvOf(urn, importPupils, importDays));

      // Raw COPY of the import's rows, on a connection already open.
      let started = performance.now();
      await pipeline(
        createReadStream(csvPath),
        copyClient.query(copyFrom(`copy ${COPY_TABLE} from stdin with (format csv, header true)`)),
      );
      const copySeconds = (performance.now() - started) / 1000;

      // submitRegister, one school-day batch per request, bodies built before the clock starts.
      const bodies = bodiesOf(mutationPupils, daysOf(0));
      started = performance.now();
      for (const body of bodies) await submit(options.gatewayUrl, body, viaGateway);
      const mutationSeconds = (performance.now() - started) / 1000;

      // The bulk path, as `pnpm import registers <csv>` runs it, quiet but for the moment it
      // reports the rows staged, which splits its time into staging and writing.
      let stagedAt = Number.NaN;
      const importStarted = performance.now();
      const report = await importRegisterCsv(orm, csvPath, (message) => {
        if (message.includes(' staged ')) {
          stagedAt = performance.now();
          statementTimes.start();
        }
      });
      const importFinished = performance.now();
      const writeStatements = statementTimes.stop();
      const importSeconds = (importFinished - importStarted) / 1000;
      if (report.inserted !== rowsPerRun) {
        throw new Error(`import registers: ${JSON.stringify(report)}`);
      }

      // The profile: the same mutation straight to the subgraph, without our gateway.
      const directBodies = bodiesOf(directPupils, daysOf(2));
      started = performance.now();
      for (const body of directBodies) await submit(options.subgraphUrl, body, signed);
      const directSeconds = (performance.now() - started) / 1000;

      const label = run === 0 ? 'warm-up' : `run ${run}/${plan.repeats}`;
      options.log(
        `  ingestion ${label}: COPY ${Math.round(rowsPerRun / copySeconds)} rows/s, ` +
          `submitRegister ${Math.round(rowsPerRun / mutationSeconds)} rows/s, ` +
          `import ${Math.round(rowsPerRun / importSeconds)} rows/s, ` +
          `straight to the subgraph ${Math.round(rowsPerRun / directSeconds)} rows/s`,
      );
      if (run === 0) continue; // partitions, plans and enrolments are warm from here on
      copyRates.push(rowsPerRun / copySeconds);
      mutationRates.push(rowsPerRun / mutationSeconds);
      importRates.push(rowsPerRun / importSeconds);
      directRates.push(rowsPerRun / directSeconds);
      stagingSeconds.push((stagedAt - importStarted) / 1000);
      const writePhaseSeconds = (importFinished - stagedAt) / 1000;
      writeSeconds.push(writePhaseSeconds);
      writeStatementRuns.push(writeStatements);
      const sqlSeconds = [...writeStatements.values()].reduce((sum, value) => sum + value, 0);
      outsideSqlSeconds.push(writePhaseSeconds - sqlSeconds);
    }
  } finally {
    await copyClient.query(`drop table if exists ${COPY_TABLE}`).catch(() => undefined);
    await copyClient.end();
    await orm.close();
  }
  const copy = summarise(copyRates);
  const mutation = summarise(mutationRates);
  const bulk = summarise(importRates);
  return {
    measured: true,
    reason: '',
    plan,
    urn,
    rowsPerRun,
    mutationRowsPerSecond: mutation,
    importRowsPerSecond: bulk,
    copyRowsPerSecond: copy,
    profile: {
      directToSubgraphRowsPerSecond: summarise(directRates),
      importStagingSeconds: summarise(stagingSeconds),
      importWriteSeconds: summarise(writeSeconds),
      importWriteStatements: StatementTimes.summarise(writeStatementRuns),
      importWriteOutsideSqlSeconds: summarise(outsideSqlSeconds),
    },
    targets: [
      {
        id: 'P7',
        name: 'submit-register-rows-vs-copy',
        value: mutation.median / copy.median,
        comparison: '>=',
        target: 0.5,
      },
      {
        id: 'P8',
        name: 'import-registers-rows-vs-copy',
        value: bulk.median / copy.median,
        comparison: '>=',
        target: 0.8,
      },
    ],
  };
}

/** For a scenario that could not run to the end: both targets unmeasured, with the reason. */
export function ingestionFailed(error: unknown): IngestionResult {
  return unmeasured(`the run failed: ${error instanceof Error ? error.message : String(error)}`);
}
