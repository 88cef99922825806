import type { EntityManager, MikroORM } from '@estate/subgraph-kit';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CsvProgress } from './csv';
import type { Rejection } from './parse-outcome';

/** What happened to the rows of one table: the three always add up to the distinct rows staged. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportReport {
  kind: string;
  file: string;
  rowsRead: number;
  /** Per table written, e.g. `school`, `local_authority`. */
  tables: Record<string, UpsertCounts>;
  rejections: Rejection[];
  /** Facts worth a line that are neither writes nor rejections ("not a trust", memberships closed). */
  notes: string[];
  elapsedMs: number;
}

/** Where importers print; tests pass a silent one. */
export interface ImportLog {
  info(line: string): void;
  progress(line: string): void;
}

export const CONSOLE_LOG: ImportLog = {
  info: (line) => console.log(line),
  progress: (line) => process.stderr.write(`${line}\n`),
};

export const SILENT_LOG: ImportLog = { info: () => {}, progress: () => {} };

/** Raw SQL inside the import's transaction: temp tables live on that one connection. */
export type Sql = <T = Record<string, unknown>[]>(sql: string, params?: unknown[]) => Promise<T>;

export function sqlIn(em: EntityManager): Sql {
  return <T>(sql: string, params: unknown[] = []) =>
    em.getConnection().execute(sql, params, 'all', em.getTransactionContext()) as Promise<T>;
}

/**
 * Everything an import writes happens in one transaction, so a failure at any point (a corrupt
 * line at row 40,000, a constraint the database refuses) leaves the database as it was.
 */
export function inOneTransaction<T>(orm: MikroORM, work: (sql: Sql) => Promise<T>): Promise<T> {
  return orm.em.fork().transactional((em) => work(sqlIn(em)));
}

/**
 * Multi-row inserts into a staging table. Rows are buffered and flushed in chunks small enough to
 * stay under PostgreSQL's 65,535 bind parameters per statement.
 */
export class Stager {
  private buffer: unknown[][] = [];
  private readonly chunkRows: number;
  staged = 0;

  constructor(
    private readonly sql: Sql,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    this.chunkRows = Math.max(1, Math.floor(30_000 / columns.length));
  }

  async add(row: unknown[]): Promise<void> {
    this.buffer.push(row);
    if (this.buffer.length >= this.chunkRows) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    const placeholders = `(${this.columns.map(() => '?').join(', ')})`;
    await this.sql(
      `insert into ${this.table} (${this.columns.join(', ')}) values ${rows.map(() => placeholders).join(', ')}`,
      rows.flat(),
    );
    this.staged += rows.length;
  }
}

/**
 * Counts an `insert … on conflict do update … where (…) is distinct from (…) returning (xmax = 0)`:
 * unchanged rows are neither rewritten nor returned, and a fresh row has no deleting transaction.
 */
export async function countUpsert(sql: Sql, upsert: string, params: unknown[], staged: number) {
  const [row] = await sql<{ inserted: string; updated: string }[]>(
    `with written as (${upsert} returning (xmax = 0) as inserted)
     select count(*) filter (where inserted) as inserted, count(*) filter (where not inserted) as updated
     from written`,
    params,
  );
  const inserted = Number(row?.inserted ?? 0);
  const updated = Number(row?.updated ?? 0);
  return { inserted, updated, unchanged: staged - inserted - updated };
}

/** Keeps the first row for each key and rejects the repeats, naming the row that was kept. */
export class FirstRowWins {
  private readonly firstRow = new Map<string, number>();

  /** The reason to reject this row, or null when it is the first with its key. */
  repeatOf(key: string, rowNumber: number, what: string): string | null {
    const first = this.firstRow.get(key);
    if (first !== undefined) return `${what} repeats row ${first}; the first row was kept`;
    this.firstRow.set(key, rowNumber);
    return null;
  }
}

export function progressPrinter(kind: string, log: ImportLog): (progress: CsvProgress) => void {
  return ({ rowsRead, bytesRead, totalBytes }) => {
    const percent = totalBytes > 0 ? Math.round((bytesRead / totalBytes) * 100) : 100;
    log.progress(`${kind}: ${rowsRead.toLocaleString('en-GB')} rows read (${percent} %)`);
  };
}

const REJECTIONS_PRINTED = 50;

/** Prints the report; every rejection goes to a CSV file too, whose path is printed. */
export async function printReport(
  report: ImportReport,
  log: ImportLog,
  rejectionsPath?: string,
): Promise<string | null> {
  const n = (value: number) => value.toLocaleString('en-GB');
  log.info(`${report.kind}: ${report.file}`);
  log.info(`  rows read   ${n(report.rowsRead)}`);
  for (const [table, counts] of Object.entries(report.tables)) {
    log.info(
      `  ${table}: ${n(counts.inserted)} inserted, ${n(counts.updated)} updated, ${n(counts.unchanged)} unchanged`,
    );
  }
  for (const note of report.notes) log.info(`  ${note}`);
  log.info(`  rejected    ${n(report.rejections.length)}`);
  for (const rejection of report.rejections.slice(0, REJECTIONS_PRINTED)) {
    log.info(
      `    row ${rejection.rowNumber} (line ${rejection.lineNumber}${rejection.urn ? `, URN ${rejection.urn}` : ''}): ${rejection.reason}`,
    );
  }
  let path: string | null = null;
  if (report.rejections.length > 0) {
    path =
      rejectionsPath ?? join(tmpdir(), `estate-import-${report.kind}-${Date.now()}.rejections.csv`);
    await writeFile(path, rejectionsCsv(report.rejections), 'utf8');
    const more = report.rejections.length - REJECTIONS_PRINTED;
    log.info(`    ${more > 0 ? `…and ${n(more)} more; ` : ''}every rejection is in ${path}`);
  }
  log.info(`  done in ${(report.elapsedMs / 1000).toFixed(1)} s`);
  return path;
}

function rejectionsCsv(rejections: Rejection[]): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = rejections.map((r) =>
    [r.rowNumber, r.lineNumber, r.urn ?? '', quote(r.reason)].join(','),
  );
  return `row,line,urn,reason\n${lines.join('\n')}\n`;
}
