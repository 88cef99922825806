import { badUserInput } from './errors';

/** URNs are 6 digits; DfE's own APIs reject anything shorter as "Invalid URN length". */
export function parseUrn(urn: number, what = 'urn'): number {
  if (!Number.isInteger(urn) || urn < 100000 || urn > 999999) {
    throw badUserInput(`${what} must be a 6-digit URN, got ${urn}`);
  }
  return urn;
}

export function parseLaCode(code: string): string {
  if (!/^\d{3}$/.test(code)) throw badUserInput(`LA code must be 3 digits, got "${code}"`);
  return code;
}
