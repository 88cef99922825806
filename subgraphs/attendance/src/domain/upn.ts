/**
 * Unique pupil numbers, per the government data standard "Unique Pupil Number" v2.0 and the DfE
 * census validation rule 1510: a check letter, then 12 characters (3-digit LA number, 4-digit
 * establishment number, 2-digit year, 3-digit serial). A temporary UPN ends in a letter instead of
 * the last serial digit.
 */

/** The 23 letters used for check letters and temporary suffixes: A–Z without I, O and S. */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

const UPN_SHAPE = /^[A-Z]\d{11}[0-9A-Z]$/;

export interface UpnValidation {
  valid: boolean;
  /** True when the 13th character is a letter: the school issued it while the real UPN is awaited. */
  temporary: boolean;
  problems: string[];
}

/**
 * The check letter for the 12 characters after it: each character times its position in the UPN
 * (2 to 13), summed, modulo 23, mapped to A–Z without I, O and S. A temporary UPN's final letter
 * takes its value from that same letter list.
 */
export function upnCheckLetter(lastTwelveCharacters: string): string {
  if (!/^\d{11}[0-9A-Z]$/.test(lastTwelveCharacters)) {
    throw new RangeError(
      `a UPN check letter is computed from 11 digits and a digit or letter, got "${lastTwelveCharacters}"`,
    );
  }
  let weightedSum = 0;
  [...lastTwelveCharacters].forEach((character, index) => {
    const value = /\d/.test(character) ? Number(character) : UPN_LETTERS.indexOf(character);
    if (value < 0) throw new RangeError(`"${character}" is not used in UPNs`);
    weightedSum += value * (index + 2);
  });
  return UPN_LETTERS[weightedSum % 23] as string;
}

export function validateUpn(upn: string): UpnValidation {
  if (upn.length !== 13) {
    return {
      valid: false,
      temporary: false,
      problems: [`a UPN has 13 characters, got ${upn.length}`],
    };
  }
  const temporary = /[A-Z]/.test(upn.charAt(12));
  if (!UPN_SHAPE.test(upn)) {
    return {
      valid: false,
      temporary,
      problems: [
        'a UPN is a capital check letter, 11 digits, then a digit (or a letter for a temporary UPN)',
      ],
    };
  }
  const problems: string[] = [];
  const suffix = upn.charAt(12);
  if (temporary && !UPN_LETTERS.includes(suffix)) {
    problems.push(`a temporary UPN never ends in I, O or S, got "${suffix}"`);
  } else {
    const expected = upnCheckLetter(upn.slice(1));
    if (upn.charAt(0) !== expected) {
      problems.push(`the check letter should be "${expected}", got "${upn.charAt(0)}"`);
    }
  }
  return { valid: problems.length === 0, temporary, problems };
}

export function isValidUpn(upn: string): boolean {
  return validateUpn(upn).valid;
}
