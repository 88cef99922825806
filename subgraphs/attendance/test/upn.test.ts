import { describe, expect, it } from 'vitest';
import { isValidUpn, upnCheckLetter, validateUpn } from '../src/domain';

describe('unique pupil numbers', () => {
  it('accepts a UPN whose check letter matches (B801200005001)', () => {
    // 8×2 + 1×4 + 2×5 + 5×10 + 1×13 = 93; 93 mod 23 = 1 → B.
    expect(upnCheckLetter('801200005001')).toBe('B');
    expect(validateUpn('B801200005001')).toEqual({ valid: true, temporary: false, problems: [] });
  });

  it('rejects a UPN with the wrong check letter and says which letter is right', () => {
    expect(validateUpn('A801200005001')).toEqual({
      valid: false,
      temporary: false,
      problems: ['the check letter should be "B", got "A"'],
    });
  });

  it('works the census guidance example correctly: 207000016049 sums to 266, so P', () => {
    // MIS help pages print this example as "267 … Q"; the weighted sum is in fact 266 → 13 → P.
    expect(upnCheckLetter('207000016049')).toBe('P');
    expect(isValidUpn('Q207000016049')).toBe(false);
  });

  it('maps remainders to A–Z without I, O and S', () => {
    // Only position 2 (weight 2) is non-zero, so the remainder is twice that digit.
    expect(upnCheckLetter('000000000000')).toBe('A');
    expect(upnCheckLetter('400000000000')).toBe('J'); // 8: after H, skipping I
    expect(upnCheckLetter('700000000000')).toBe('Q'); // 14: after N, skipping O
    expect(upnCheckLetter('800000000000')).toBe('T'); // 16: after R, skipping S
    expect(upnCheckLetter('000000000007')).toBe('Z'); // 13 × 7 = 91; 91 mod 23 = 22
  });

  it('accepts a temporary UPN ending in a letter, valued from the same letter list', () => {
    const body = '00180001701A';
    const upn = `${upnCheckLetter(body)}${body}`;
    expect(validateUpn(upn)).toEqual({ valid: true, temporary: true, problems: [] });
    expect(upnCheckLetter('001800017010')).toBe(upnCheckLetter(body)); // A is worth 0
  });

  it('refuses a temporary UPN ending in I, O or S', () => {
    const result = validateUpn('A00180001701O');
    expect(result.valid).toBe(false);
    expect(result.problems[0]).toMatch(/never ends in I, O or S/);
  });

  it('refuses the wrong length, lower case and letters in the middle', () => {
    expect(validateUpn('Q20700001604').problems[0]).toBe('a UPN has 13 characters, got 12');
    expect(isValidUpn('q207000016049')).toBe(false);
    expect(isValidUpn('Q2070000A6049')).toBe(false);
  });
});
