import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

/**
 * Public data files (GIAS, Ofsted, DfE) come in windows-1252 (often described as ISO-8859-1, which
 * WHATWG decoders treat as the same thing) or, after passing through other tools, UTF-8 with a BOM.
 */
export type TextEncodingName = 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte);
}

/**
 * BOM ⇒ UTF-8. Otherwise UTF-8 only if every byte sequence is valid UTF-8: a single cp1252 "é"
 * (0xE9) followed by a letter is invalid UTF-8, so cp1252 text with accents practically never
 * passes by accident. Pure ASCII is reported as UTF-8; both decoders agree on it.
 */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
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
 * that stops at the first invalid UTF-8 sequence. Non-ASCII text can sit tens of thousands of
 * rows into a file, so sniffing only the first chunk would guess wrong.
 */
export async function detectFileEncoding(path: string): Promise<TextEncodingName> {
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
 * control character U+0092 instead of "’" (nodejs/node#56542, #60888). School names are full of
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
export class SafeTextDecoder {
  private readonly decoder: TextDecoder;

  constructor(private readonly encoding: TextEncodingName) {
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
  encoding: TextEncodingName = detectEncoding(bytes),
): string {
  return new SafeTextDecoder(encoding).decode(bytes);
}
