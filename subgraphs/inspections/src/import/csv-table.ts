import { parse } from 'csv-parse/sync';
import { badUserInput } from '@estate/subgraph-kit/src/errors';
import {
  decodeBytes,
  detectEncoding,
  type TextEncodingName,
} from '@estate/subgraph-kit/src/text-encoding';

/** A row left out of the import, with the 1-based file line it ended on and why. */
export interface Rejection {
  line: number;
  reason: string;
}

/** A row imported with a value corrected or dropped, said out loud so it can be checked. */
export interface ImportWarning {
  line: number;
  message: string;
}

export type SourceEncoding = TextEncodingName;

export interface ParseResult<T> {
  records: T[];
  rejections: Rejection[];
  warnings: ImportWarning[];
  /** Facts about the whole file, e.g. a column it lacks and what was assumed instead. */
  notes: string[];
  encoding: SourceEncoding;
  /** Data rows read, not counting the header: records + rejections. */
  rowCount: number;
}

/**
 * Ofsted and DfE files come as UTF-8 (often with a byte-order mark) or as cp1252 from Excel; a strict
 * UTF-8 decode tells them apart, since cp1252 text with "£" or curly quotes is not valid UTF-8.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: SourceEncoding } {
  const encoding = detectEncoding(bytes);
  return { text: decodeBytes(bytes, encoding), encoding };
}

/**
 * Header names drift between releases and tools: "Overall effectiveness" in Ofsted's file becomes
 * "Overalleffectiveness" after R's make.names, and "?" or "(where applicable)" come and go in
 * punctuation. Comparing letters and digits only matches them all.
 */
export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** For each field, the header names it goes by, newest first. */
export type ColumnAliases<Field extends string> = Record<Field, readonly string[]>;

export interface CsvRow<Field extends string> {
  line: number;
  /** The trimmed cell, or undefined when the file has no such column. */
  cell(field: Field): string | undefined;
}

export interface CsvTable<Field extends string> {
  encoding: SourceEncoding;
  presentFields: ReadonlySet<Field>;
  rows: CsvRow<Field>[];
}

/**
 * Reads a CSV into rows addressed by field name, never by position. Throws BAD_USER_INPUT when a
 * required column is missing, since no row of such a file can be read.
 */
export function readCsvTable<Field extends string>(
  bytes: Uint8Array,
  aliases: ColumnAliases<Field>,
  required: readonly Field[],
  fileDescription: string,
): CsvTable<Field> {
  const { text, encoding } = decodeCsvBytes(bytes);
  // With `info`, csv-parse wraps each record with its position, which its typings do not express.
  const parsed = parse(text, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...body] = parsed;
  if (header === undefined) throw badUserInput(`${fileDescription}: the file is empty`);

  const positionByHeader = new Map<string, number>();
  header.record.forEach((name, position) => {
    const key = normaliseHeader(name);
    if (key !== '' && !positionByHeader.has(key)) positionByHeader.set(key, position);
  });
  const positionByField = new Map<Field, number>();
  for (const field of Object.keys(aliases) as Field[]) {
    const position = aliases[field]
      .map((alias) => positionByHeader.get(normaliseHeader(alias)))
      .find((found) => found !== undefined);
    if (position !== undefined) positionByField.set(field, position);
  }

  const missing = required.filter((field) => !positionByField.has(field));
  if (missing.length > 0) {
    throw badUserInput(
      `${fileDescription}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((field) => `"${aliases[field][0]}"`).join(', ')}`,
      missing.map((field) => ({
        path: field,
        message: `expected a column named ${aliases[field].map((alias) => `"${alias}"`).join(' or ')}`,
      })),
    );
  }

  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    cell(field: Field): string | undefined {
      const position = positionByField.get(field);
      return position === undefined ? undefined : (record[position] ?? '').trim();
    },
  }));
  return { encoding, presentFields: new Set(positionByField.keys()), rows };
}
