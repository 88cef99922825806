import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform, pipeline } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';

/**
 * GIAS publishes its extracts in windows-1252 (described as ISO-8859-1, which WHATWG decoders treat
 * as the same thing), but files that have passed through other tools arrive as UTF-8 with a BOM.
 */
export type CsvEncoding = 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte);
}

/**
 * BOM ⇒ UTF-8. Otherwise UTF-8 only if every byte sequence is valid UTF-8: a single cp1252 "é"
 * (0xE9) followed by a letter is invalid UTF-8, so cp1252 text with accents practically never
 * passes by accident. Pure ASCII is reported as UTF-8; both decoders agree on it.
 */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  if (startsWithUtf8Bom(bytes)) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * The same decision as {@link detectEncoding} without holding the file in memory: one streaming pass
 * that stops at the first invalid UTF-8 sequence. Non-ASCII text in GIAS files can sit tens of
 * thousands of rows in, so sniffing only the first chunk would guess wrong.
 */
export async function detectFileEncoding(path: string): Promise<CsvEncoding> {
  const validator = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (first && startsWithUtf8Bom(chunk)) return 'utf-8';
    first = false;
    try {
      validator.decode(chunk, { stream: true });
    } catch {
      return 'windows-1252';
    }
  }
  try {
    validator.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Node 20.18.3 and later decode "windows-1252" as ISO-8859-1 on some paths, turning 0x92 into the
 * control character U+0092 instead of "’" (nodejs/node#56542, #60888). GIAS names are full of
 * those apostrophes, so the 32 bytes where the two encodings differ are mapped here. The five
 * bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) keep their C1 code points, as
 * the WHATWG Encoding Standard says. Correct decoders produce no C1 characters, so this is a no-op
 * once Node is fixed.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function repairWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

/** A TextDecoder for either encoding that gets windows-1252 right whatever Node's version. */
class CsvTextDecoder {
  private readonly decoder: TextDecoder;

  constructor(private readonly encoding: CsvEncoding) {
    // TextDecoder drops a leading BOM by default, so headers never start with U+FEFF.
    this.decoder = new TextDecoder(encoding);
  }

  decode(bytes?: Uint8Array, options?: { stream: boolean }): string {
    const text = this.decoder.decode(bytes, options);
    return this.encoding === 'windows-1252' ? repairWindows1252(text) : text;
  }
}

export function decodeBytes(
  bytes: Uint8Array,
  encoding: CsvEncoding = detectEncoding(bytes),
): string {
  return new CsvTextDecoder(encoding).decode(bytes);
}

function decodingStream(encoding: CsvEncoding): Transform {
  const decoder = new CsvTextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, decoder.decode(chunk, { stream: true }));
    },
    flush(callback) {
      callback(null, decoder.decode());
    },
  });
}

/** Header names differ in case and spacing between GIAS versions ("Joined date" / "Joined Date"). */
export function normaliseColumnName(name: string): string {
  return name.replace(/\s+/g, '').toLowerCase();
}

/** One data row of a CSV file, with cells looked up by header name rather than by position. */
export class CsvRow {
  constructor(
    /** 1-based, counting data rows only (the header is not row 1). */
    readonly rowNumber: number,
    /** The physical line of the file on which the row ends (the header is line 1). */
    readonly lineNumber: number,
    private readonly cells: readonly string[],
    private readonly header: CsvHeader,
  ) {}

  get cellCount(): number {
    return this.cells.length;
  }

  /**
   * The trimmed value of the first of `columnNames` that the header has; `undefined` when the
   * header has none of them, `''` when the column exists but this row leaves it empty or short.
   */
  get(...columnNames: string[]): string | undefined {
    for (const name of columnNames) {
      const index = this.header.indexOf(name);
      if (index !== undefined) return (this.cells[index] ?? '').trim();
    }
    return undefined;
  }

  /**
   * Rows with more cells than the header cannot be aligned: we cannot tell which column the extra
   * cells were inserted before. The exception is a trailing multi-valued column: GIAS writes one
   * cell per value of its last column `Linked establishments`, so overflow there is expected when
   * the caller names that column. Short rows are fine; some files omit trailing empty cells.
   */
  misalignment(trailingMultiValuedColumn?: string): string | null {
    const headerLength = this.header.names.length;
    if (this.cells.length <= headerLength) return null;
    if (
      trailingMultiValuedColumn !== undefined &&
      this.header.indexOf(trailingMultiValuedColumn) === headerLength - 1
    ) {
      return null;
    }
    return `row has ${this.cells.length} cells but the header has ${headerLength}, so its columns cannot be aligned`;
  }
}

export class CsvHeader {
  private readonly indexByName = new Map<string, number>();

  constructor(readonly names: readonly string[]) {
    names.forEach((name, index) => {
      const key = normaliseColumnName(name);
      // The first of two identically named columns wins, as it does in every GIAS reader we know.
      if (!this.indexByName.has(key)) this.indexByName.set(key, index);
    });
  }

  has(name: string): boolean {
    return this.indexByName.has(normaliseColumnName(name));
  }

  indexOf(name: string): number | undefined {
    return this.indexByName.get(normaliseColumnName(name));
  }
}

export interface CsvProgress {
  rowsRead: number;
  /** Bytes consumed from the source so far; with `totalBytes`, enough for a percentage. */
  bytesRead: number;
  totalBytes: number;
}

export interface ReadCsvOptions {
  /** Skips detection, e.g. when the caller already knows the file's encoding. */
  encoding?: CsvEncoding;
  onProgress?: (progress: CsvProgress) => void;
  /** How many rows between `onProgress` calls; a final call always follows the last row. */
  progressEvery?: number;
  /** Called once with the header before the first row, e.g. to check that required columns exist. */
  onHeader?: (header: CsvHeader) => void;
}

/** A file path, or the bytes of a whole file (handy for tests and uploads). */
export type CsvSource = string | Uint8Array;

/**
 * Streams the rows of a CSV file, decoding it first. Memory stays flat however large the file: the
 * national establishments file is about 50,000 rows of 130 columns.
 */
export async function* readCsvRows(
  source: CsvSource,
  options: ReadCsvOptions = {},
): AsyncGenerator<CsvRow> {
  const { onProgress, progressEvery = 5_000 } = options;
  const isPath = typeof source === 'string';
  const encoding =
    options.encoding ?? (isPath ? await detectFileEncoding(source) : detectEncoding(source));
  const totalBytes = isPath ? (await stat(source)).size : source.byteLength;
  const bytes = isPath ? createReadStream(source) : Readable.from([Buffer.from(source)]);

  const parser = pipeline(
    bytes,
    decodingStream(encoding),
    parse({ relax_column_count: true, skip_empty_lines: true, info: true, bom: true }),
    () => {
      // Errors surface through the async iteration below; this callback only stops pipeline() from
      // reporting them a second time as unhandled.
    },
  );

  let header: CsvHeader | undefined;
  let rowsRead = 0;
  const bytesRead = (): number => ('bytesRead' in bytes ? bytes.bytesRead : totalBytes);

  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (!header) {
      header = new CsvHeader(record.map((name) => name.trim()));
      options.onHeader?.(header);
      continue;
    }
    rowsRead += 1;
    yield new CsvRow(rowsRead, info.lines, record, header);
    if (onProgress && rowsRead % progressEvery === 0) {
      onProgress({ rowsRead, bytesRead: bytesRead(), totalBytes });
    }
  }
  onProgress?.({ rowsRead, bytesRead: totalBytes, totalBytes });
}
