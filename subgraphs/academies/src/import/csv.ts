import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import {
  decodeBytes,
  detectEncoding,
  detectFileEncoding,
  SafeTextDecoder,
  startsWithUtf8Bom,
  type TextEncodingName as CsvEncoding,
} from '@estate/subgraph-kit/src/text-encoding';

export { decodeBytes, detectEncoding, detectFileEncoding, startsWithUtf8Bom, type CsvEncoding };

function decodingStream(encoding: CsvEncoding): Transform {
  const decoder = new SafeTextDecoder(encoding);
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
