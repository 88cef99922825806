import { badUserInput } from '@estate/subgraph-kit/src/errors';
import type { CsvHeader, CsvRow } from './csv';

/** Why one row of an import file was not turned into a record. */
export interface Rejection {
  rowNumber: number;
  lineNumber: number;
  /** The row's URN when it could be read, so that a user can look the establishment up. */
  urn: number | null;
  reason: string;
}

export interface Accepted<T> {
  kind: 'accepted';
  rowNumber: number;
  lineNumber: number;
  record: T;
}

export interface Rejected {
  kind: 'rejected';
  rejection: Rejection;
}

export type RowOutcome<T> = Accepted<T> | Rejected;

/** Thrown inside a row parser to reject that row; only the parsers' own loops catch it. */
export class RowRejection extends Error {}

export function reject(reason: string): never {
  throw new RowRejection(reason);
}

/**
 * Runs a row parser, turning a {@link RowRejection} into a rejected outcome. Anything else is a bug
 * and propagates.
 */
export function outcomeOf<T>(
  row: CsvRow,
  readUrn: (row: CsvRow) => number | null,
  parseRow: (row: CsvRow) => T,
): RowOutcome<T> {
  try {
    return {
      kind: 'accepted',
      rowNumber: row.rowNumber,
      lineNumber: row.lineNumber,
      record: parseRow(row),
    };
  } catch (error) {
    if (!(error instanceof RowRejection)) throw error;
    return {
      kind: 'rejected',
      rejection: {
        rowNumber: row.rowNumber,
        lineNumber: row.lineNumber,
        urn: readUrn(row),
        reason: error.message,
      },
    };
  }
}

/**
 * A file without a required column is rejected as a whole before any row is read: every row would
 * fail for the same reason. Each entry lists the accepted spellings of one required column.
 */
export function requireColumns(header: CsvHeader, file: string, required: string[][]): void {
  const missing = required.filter((spellings) => !spellings.some((name) => header.has(name)));
  if (missing.length === 0) return;
  throw badUserInput(
    `${file} is missing required column${missing.length > 1 ? 's' : ''}: ${missing
      .map((spellings) => spellings.join(' or '))
      .join(', ')}`,
    missing.map((spellings) => ({ path: spellings[0] ?? '', message: 'column not found' })),
  );
}

export interface ParsedFile<T> {
  rowsRead: number;
  records: T[];
  rejections: Rejection[];
}

/** Collects a whole file; fine for tests and small files, while importers iterate instead. */
export async function collectOutcomes<T>(
  outcomes: AsyncIterable<RowOutcome<T>>,
): Promise<ParsedFile<T>> {
  const parsed: ParsedFile<T> = { rowsRead: 0, records: [], rejections: [] };
  for await (const outcome of outcomes) {
    parsed.rowsRead += 1;
    if (outcome.kind === 'accepted') parsed.records.push(outcome.record);
    else parsed.rejections.push(outcome.rejection);
  }
  return parsed;
}
