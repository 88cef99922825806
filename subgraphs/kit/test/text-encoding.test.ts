import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding } from '../src/text-encoding';

describe('decoding public data files', () => {
  it('reads cp1252 curly apostrophes and pound signs whatever Node’s own decoder does', () => {
    const bytes = Uint8Array.from([0x4b, 0x69, 0x6e, 0x67, 0x92, 0x73, 0x20, 0xa3, 0x35]);
    expect(detectEncoding(bytes)).toBe('windows-1252');
    expect(decodeBytes(bytes)).toBe('King’s £5');
  });

  it('takes a BOM as UTF-8 and drops it', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('Chloë')]);
    expect(detectEncoding(bytes)).toBe('utf-8');
    expect(decodeBytes(bytes)).toBe('Chloë');
  });
});
