import {
  badUserInput,
  type Importer,
  type InputProblem,
  type MikroORM,
} from '@estate/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  ingestRegister,
  type IngestionResult,
  type MarkSubmission,
  type PupilSubmission,
} from '../modules/register/ingestion';
import { runSql } from '../sql';

/** The columns of a register CSV, in order; recorded_at may be left out. */
export const REGISTER_CSV_COLUMNS = [
  'urn',
  'upn',
  'date_of_birth',
  'year_group',
  'sex',
  'fsm',
  'sen_status',
  'eal',
  'admitted_on',
  'left_on',
  'date',
  'session',
  'code',
  'recorded_at',
] as const;

/** Marks per transaction step of the bulk path; the whole file still commits or fails as one. */
export const BULK_CHUNK_MARKS = 20_000;

interface StagedRow {
  line: number;
  urn: string;
  upn: string;
  date_of_birth: string;
  year_group: string;
  sex: string;
  fsm: string;
  sen_status: string;
  eal: string;
  admitted_on: string;
  left_on: string | null;
  date: string;
  session: string;
  code: string;
  recorded_at: string | null;
}

export interface BulkImportReport {
  rows: number;
  schools: number;
  inserted: number;
  amended: number;
  unchanged: number;
  stale: number;
}

async function headerOf(path: string): Promise<string[]> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line
      .replace(/^\uFEFF/, '')
      .split(',')
      .map((c) => c.trim().toLowerCase());
  }
  return [];
}

function truthy(value: string): boolean {
  return /^(1|true|t|y|yes)$/i.test(value.trim());
}

/**
 * The bulk path for backfills: the CSV goes through COPY into a staging table, then each school's
 * rows pass through the same validation and upsert as `submitRegister`, in chunks, inside one
 * transaction: a file with any bad row writes nothing, and the error names every bad line of the
 * first school and chunk that failed.
 */
export async function importRegisterCsv(
  orm: MikroORM,
  path: string,
  log: (message: string) => void = console.log,
): Promise<BulkImportReport> {
  const header = await headerOf(path);
  const expected = REGISTER_CSV_COLUMNS.slice(0, header.length);
  if (
    (header.length !== REGISTER_CSV_COLUMNS.length &&
      header.length !== REGISTER_CSV_COLUMNS.length - 1) ||
    header.some((column, index) => column !== expected[index])
  ) {
    throw badUserInput(
      `The CSV header must be: ${REGISTER_CSV_COLUMNS.join(',')} (recorded_at optional)`,
    );
  }
  const batchId = randomUUID();
  const size = (await stat(path)).size;
  const client = new pg.Client({ connectionString: orm.config.get('clientUrl') });
  await client.connect();
  try {
    await client.query(
      `create temp table incoming (${header.map((column) => `${column} text`).join(', ')})`,
    );
    let copied = 0;
    let lastShown = 0;
    const source = createReadStream(path);
    source.on('data', (chunk) => {
      copied += chunk.length;
      if (copied - lastShown > size / 10) {
        lastShown = copied;
        log(`registers: copied ${Math.round((copied / size) * 100)} % of ${basename(path)}`);
      }
    });
    await pipeline(
      source,
      client.query(copyFrom(`copy incoming from stdin with (format csv, header true)`)),
    );
    await client.query(
      `insert into attendance.import_staging (batch_id, line, ${header.join(', ')})
       select $1, (row_number() over ()) + 1, ${header.join(', ')} from incoming`,
      [batchId],
    );
  } finally {
    await client.end();
  }

  const em = orm.em.fork();
  try {
    const urns = await runSql<{ urn: string; rows: number }>(
      em,
      `select urn, count(*)::int as rows from attendance.import_staging where batch_id = ?
       group by urn order by urn`,
      [batchId],
    );
    const total = urns.reduce((sum, row) => sum + row.rows, 0);
    log(`registers: staged ${total} rows for ${urns.length} schools; validating and writing`);
    const report: BulkImportReport = {
      rows: total,
      schools: urns.length,
      inserted: 0,
      amended: 0,
      unchanged: 0,
      stale: 0,
    };
    await em.transactional(async (tx) => {
      let done = 0;
      for (const { urn } of urns) {
        let afterLine = 0;
        for (;;) {
          const rows = await runSql<StagedRow>(
            tx,
            `select * from attendance.import_staging where batch_id = ? and urn is not distinct from ?
               and line > ? order by line limit ?`,
            [batchId, urn, afterLine, BULK_CHUNK_MARKS],
          );
          if (rows.length === 0) break;
          afterLine = rows.at(-1)!.line;
          const result = await ingestChunk(tx, urn, rows, `import:${basename(path)}`);
          report.inserted += result.inserted;
          report.amended += result.amended;
          report.unchanged += result.unchanged;
          report.stale += result.stale;
          done += rows.length;
          log(`registers: ${done} of ${total} rows written (school ${urn})`);
        }
      }
    });
    log(
      `registers: ${report.inserted} inserted, ${report.amended} amended, ${report.unchanged} unchanged, ${report.stale} stale`,
    );
    return report;
  } finally {
    await runSql(em, 'delete from attendance.import_staging where batch_id = ?', [batchId]);
  }
}

async function ingestChunk(
  em: Parameters<typeof runSql>[0],
  urn: string,
  rows: StagedRow[],
  source: string,
): Promise<IngestionResult> {
  const pupils = new Map<string, PupilSubmission>();
  const marks: MarkSubmission[] = [];
  for (const row of rows) {
    pupils.set(row.upn, {
      upn: row.upn,
      dateOfBirth: row.date_of_birth,
      yearGroup: Number(row.year_group),
      sex: row.sex,
      freeSchoolMeals: truthy(row.fsm),
      senStatus: row.sen_status,
      englishAsAdditionalLanguage: truthy(row.eal),
      admittedOn: row.admitted_on,
      leftOn: row.left_on || null,
    });
    marks.push({
      upn: row.upn,
      date: row.date,
      session: row.session,
      code: row.code,
      recordedAt: row.recorded_at || null,
    });
  }
  const pupilList = [...pupils.values()];
  try {
    return await ingestRegister(
      em,
      { urn: Number(urn), pupils: pupilList, marks },
      { source, vendorId: null, mayWrite: true },
      { maxMarks: BULK_CHUNK_MARKS, maxPupils: BULK_CHUNK_MARKS },
    );
  } catch (error) {
    const problems = (error as { extensions?: { problems?: InputProblem[] } }).extensions?.problems;
    if (!problems) throw error;
    // Point at CSV lines rather than positions in the chunk.
    const upnLine = new Map(rows.map((row) => [row.upn, row.line]));
    const located = problems.map((problem) => {
      const match = /^(marks|pupils)\[(\d+)\]\.(\w+)$/.exec(problem.path);
      if (!match) return problem;
      const index = Number(match[2]);
      const line =
        match[1] === 'marks' ? rows[index]?.line : upnLine.get(pupilList[index]?.upn ?? '');
      return { path: `line ${line}: ${match[3]}`, message: problem.message };
    });
    throw badUserInput(
      `The file was not imported: ${located.length} problem(s) for school ${urn}; nothing was written`,
      located,
    );
  }
}

export const registersImporter: Importer = {
  usage: '<registers.csv>  (columns: ' + REGISTER_CSV_COLUMNS.join(',') + ')',
  async run(orm, args) {
    const [path] = args;
    if (!path) throw new Error(`Usage: pnpm import registers ${registersImporter.usage}`);
    try {
      await importRegisterCsv(orm, path);
    } catch (error) {
      const problems = (error as { extensions?: { problems?: InputProblem[] } }).extensions
        ?.problems;
      for (const problem of problems ?? []) console.error(`  ${problem.path}: ${problem.message}`);
      throw error;
    }
  },
};
