import type { MikroORM } from '@estate/subgraph-kit';
import { readFile } from 'node:fs/promises';
import type { StoredInspection } from '../modules/inspection/inspection.record';
import type { ImportWarning, ParseResult, Rejection } from './csv-table';
import { readCsvTable } from './csv-table';
import { type MergeMode, writeInspections, type WriteCounts } from './inspection-writer';
import { parseOfstedRatingHistory } from './ofsted-history';
import { parseOfstedManagementInformation } from './ofsted-mi';
import { parseUrn } from './ofsted-values';

/** What an import did: every row read is inserted, updated, unchanged, a duplicate or rejected. */
export interface ImportReport extends WriteCounts {
  file: string;
  /** Data rows read, not counting the header. */
  rowsRead: number;
  /** Inspections the accepted rows hold (an MI row holds up to three). */
  inspectionsRead: number;
  rejected: Rejection[];
  warnings: ImportWarning[];
  notes: string[];
}

export type ProgressLog = (message: string) => void;

/** Pupils on roll per school, where the MI file has such a column, keyed by the school's URN. */
function pupilsByUrn(bytes: Uint8Array): Map<number, number> {
  const table = readCsvTable<'urn' | 'pupils'>(
    bytes,
    { urn: ['URN'], pupils: ['Total number of pupils', 'Number of pupils', 'num_pupils'] },
    ['urn'],
    'Ofsted management information',
  );
  const pupils = new Map<number, number>();
  for (const row of table.rows) {
    const urn = parseUrn(row.cell('urn'));
    const count = Number(row.cell('pupils') ?? '');
    if (urn.ok && /^\d+$/.test(row.cell('pupils') ?? '')) pupils.set(urn.value, count);
  }
  return pupils;
}

async function load(
  orm: MikroORM,
  file: string,
  parsed: ParseResult<unknown>,
  inspections: StoredInspection[],
  source: string,
  mode: MergeMode,
  log: ProgressLog,
): Promise<ImportReport> {
  log(
    `${file}: ${parsed.rowCount} rows read (${parsed.encoding}), ${inspections.length} inspections to write`,
  );
  let logged = 0;
  const counts = await orm.em.fork().transactional((em) =>
    writeInspections(em, inspections, source, mode, (done, total) => {
      if (done - logged < 10_000 && done < total) return;
      logged = done;
      log(`  … ${done} of ${total} inspections`);
    }),
  );
  return {
    file,
    rowsRead: parsed.rowCount,
    inspectionsRead: inspections.length,
    ...counts,
    rejected: parsed.rejections,
    warnings: parsed.warnings,
    notes: parsed.notes,
  };
}

/**
 * Ofsted's management information: each school's latest and previous graded inspections and its
 * latest ungraded visit, under the URNs they were made under. Idempotent, in one transaction.
 */
export async function importOfstedMi(
  orm: MikroORM,
  file: string,
  log: ProgressLog = () => {},
): Promise<ImportReport> {
  const bytes = await readFile(file);
  const parsed = parseOfstedManagementInformation(bytes);
  const pupils = pupilsByUrn(bytes);
  const inspections = parsed.records.flatMap((record) =>
    record.inspections.map((inspection, index) => ({
      inspection,
      // The MI's pupil count is the school's at its latest inspection.
      numberOfPupils: index === 0 ? (pupils.get(record.schoolUrn) ?? null) : null,
    })),
  );
  return load(orm, file, parsed, inspections, 'ofsted-mi', 'replace', log);
}

/** A URN, rating and date history; "Satisfactory" is grade 3. Fills, never erases, MI detail. */
export async function importOfstedHistory(
  orm: MikroORM,
  file: string,
  log: ProgressLog = () => {},
): Promise<ImportReport> {
  const parsed = parseOfstedRatingHistory(await readFile(file));
  const inspections = parsed.records.map((record) => ({
    inspection: record.inspection,
    numberOfPupils: null,
  }));
  return load(orm, file, parsed, inspections, 'ofsted-history', 'fill', log);
}

export function printReport(report: ImportReport, log: ProgressLog = console.log): void {
  log(`${report.file}`);
  log(
    `  rows read ${report.rowsRead}, rejected ${report.rejected.length}; inspections read ${report.inspectionsRead}: inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}, repeated in the file ${report.duplicates}`,
  );
  for (const note of report.notes) log(`  note: ${note}`);
  for (const warning of report.warnings) log(`  line ${warning.line} warning: ${warning.message}`);
  for (const rejection of report.rejected)
    log(`  line ${rejection.line} rejected: ${rejection.reason}`);
}
