import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodeBytes,
  detectEncoding,
  detectFileEncoding,
  readCsvRows,
  type CsvProgress,
  type CsvRow,
} from '../src/import/csv';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function rowsOf(source: string | Uint8Array): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of readCsvRows(source)) rows.push(row);
  return rows;
}

describe('encoding detection', () => {
  it('reads a UTF-8 byte order mark as UTF-8', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8');
  });

  it('reads bytes that are not valid UTF-8 as windows-1252, the encoding GIAS publishes in', () => {
    // "Chloë" with ë as the single cp1252 byte 0xEB.
    const cp1252 = bytes(0x43, 0x68, 0x6c, 0x6f, 0xeb);
    expect(detectEncoding(cp1252)).toBe('windows-1252');
    expect(decodeBytes(cp1252)).toBe('Chloë');
  });

  it('decodes the cp1252-only punctuation that ISO-8859-1 lacks (’ and €), despite nodejs/node#56542', () => {
    expect(decodeBytes(bytes(0x92, 0x80, 0x96), 'windows-1252')).toBe('’€–');
    const c1Range = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    const leftAsControls = [...decodeBytes(c1Range, 'windows-1252')].filter((c) => c < '\u00a0');
    // Only the five bytes that windows-1252 leaves undefined stay C1 controls.
    expect(leftAsControls.map((c) => c.charCodeAt(0))).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
  });

  it('keeps valid UTF-8 without a BOM as UTF-8', () => {
    expect(detectEncoding(utf8('Ysgol y Môr'))).toBe('utf-8');
    expect(decodeBytes(utf8('Ysgol y Môr'))).toBe('Ysgol y Môr');
  });

  it('finds the committed fixtures in the encodings they were written in', async () => {
    expect(await detectFileEncoding(fixture('establishments-cp1252.csv'))).toBe('windows-1252');
    expect(await detectFileEncoding(fixture('establishments-utf8-bom-names-only.csv'))).toBe(
      'utf-8',
    );
  });
});

describe('reading rows', () => {
  it('looks cells up by header name, whatever the case or spacing of the header', async () => {
    const [row] = await rowsOf(utf8('URN,Joined Date\n123456,01-09-2020\n'));
    expect(row?.get('Joined date')).toBe('01-09-2020');
    expect(row?.get('joined  DATE')).toBe('01-09-2020');
    expect(row?.get('Group UID')).toBeUndefined();
  });

  it('returns the first of several alternative column names that the header has', async () => {
    const [row] = await rowsOf(utf8('URN,Linked UID\n123456,4782\n'));
    expect(row?.get('Group UID', 'Linked UID')).toBe('4782');
  });

  it('strips the BOM so that the first header is plain "URN"', async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('URN,Name\n100000,A\n')]);
    const [row] = await rowsOf(withBom);
    expect(row?.get('URN')).toBe('100000');
  });

  it('keeps a quoted comma and a quoted line break inside one cell, and counts lines', async () => {
    const rows = await rowsOf(utf8('URN,Name\n100000,"Open, but\nproposed to close"\n100001,B\n'));
    expect(rows.map((row) => row.get('Name'))).toEqual(['Open, but\nproposed to close', 'B']);
    expect(rows.map((row) => row.rowNumber)).toEqual([1, 2]);
    expect(rows.map((row) => row.lineNumber)).toEqual([3, 4]);
  });

  it('treats missing trailing cells as empty, and rows with extra cells as misaligned', async () => {
    const [short, long] = await rowsOf(utf8('URN,A,B\n100000,x\n100001,x,y,z\n'));
    expect(short?.get('B')).toBe('');
    expect(short?.misalignment()).toBeNull();
    expect(long?.misalignment()).toMatch(/4 cells but the header has 3/);
  });

  it('accepts overflow into a trailing multi-valued column that the caller names', async () => {
    const [row] = await rowsOf(
      utf8('URN,Linked establishments\n100000,100001 Predecessor,100002 Successor\n'),
    );
    expect(row?.misalignment('Linked establishments')).toBeNull();
    expect(row?.misalignment()).not.toBeNull();
  });

  it('reports progress during the read and once at the end, with bytes for a percentage', async () => {
    const text = `URN\n${Array.from({ length: 25 }, (_, i) => 100000 + i).join('\n')}\n`;
    const progress: CsvProgress[] = [];
    const rowNumbers: number[] = [];
    for await (const row of readCsvRows(utf8(text), {
      progressEvery: 10,
      onProgress: (p) => progress.push(p),
    })) {
      rowNumbers.push(row.rowNumber);
    }
    expect(rowNumbers.at(-1)).toBe(25);
    expect(progress.map((p) => p.rowsRead)).toEqual([10, 20, 25]);
    expect(progress.at(-1)).toEqual({
      rowsRead: 25,
      bytesRead: text.length,
      totalBytes: text.length,
    });
  });

  it('reports progress in bytes of the file when reading from a path', async () => {
    const path = fixture('links-cp1252.csv');
    const progress: CsvProgress[] = [];
    for await (const row of readCsvRows(path, {
      progressEvery: 4,
      onProgress: (p) => progress.push(p),
    })) {
      expect(row.rowNumber).toBeGreaterThan(0);
    }
    expect(progress.map((p) => p.rowsRead)).toEqual([4, 8, 10]);
    expect(progress.every((p) => p.totalBytes === statSync(path).size)).toBe(true);
    expect(progress.at(-1)?.bytesRead).toBe(statSync(path).size);
  });

  it('fails the iteration when the file does not exist', async () => {
    await expect(rowsOf('/nonexistent/edubasealldata.csv')).rejects.toThrow(/ENOENT/);
  });
});
