import { describe, expect, it } from 'vitest';
import { containsPattern } from '../src/sql';

describe('name search patterns', () => {
  it('takes the searcher’s wildcards literally', () => {
    expect(containsPattern('St Mary_s 100%')).toBe('%St Mary\\_s 100\\%%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });
});
