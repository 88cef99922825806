import { isIsoDate, type IsoDate } from '@estate/subgraph-kit/src/dates';
import { reject } from './parse-outcome';

/**
 * Values GIAS writes where it has nothing to say. "Not applicable" and "Does not apply" are GIAS's
 * own lookup entries for "this field does not apply to this establishment"; "SUPPRESSED", "..",
 * "x" and "SUPP" hide small numbers; "00-00-0000" is an unset date. All of them mean "no value",
 * so the typed record holds null.
 */
const PLACEHOLDERS = new Set(
  [
    '',
    'not applicable',
    'does not apply',
    'not recorded',
    'unknown',
    'suppressed',
    'supp',
    '..',
    'x',
    'na',
    'n/a',
    'null',
    '00-00-0000',
    '00/00/0000',
  ].map((value) => value.toLowerCase()),
);

export function isPlaceholder(value: string | undefined): boolean {
  return value === undefined || PLACEHOLDERS.has(value.trim().toLowerCase());
}

/** The value, or null for a missing column or a placeholder. */
export function textOrNull(value: string | undefined): string | null {
  return isPlaceholder(value) ? null : (value as string).trim();
}

export function requiredText(value: string | undefined, column: string): string {
  return textOrNull(value) ?? reject(`${column} is empty`);
}

/** URNs are six digits; the DfE attendance API rejects anything shorter as "Invalid URN length". */
export function readUrn(value: string | undefined, column = 'URN'): number {
  const text = textOrNull(value);
  if (text === null) reject(`${column} is empty`);
  if (!/^\d{6}$/.test(text)) reject(`${column} "${text}" is not a 6-digit URN`);
  return Number(text);
}

/** For rejection reports: the URN if the row has a readable one, otherwise null. */
export function urnIfReadable(value: string | undefined): number | null {
  const text = value?.trim() ?? '';
  return /^\d{6}$/.test(text) ? Number(text) : null;
}

export function integerOrNull(value: string | undefined, column: string): number | null {
  const text = textOrNull(value);
  if (text === null) return null;
  if (!/^\d+$/.test(text)) reject(`${column} "${text}" is not a whole number`);
  return Number(text);
}

/** A percentage 0–100 as GIAS prints it (e.g. "23.4"), kept to the precision given. */
export function percentageOrNull(value: string | undefined, column: string): number | null {
  const text = textOrNull(value)?.replace(/%$/, '');
  if (text === null || text === undefined) return null;
  if (!/^\d+(\.\d+)?$/.test(text)) reject(`${column} "${text}" is not a percentage`);
  const percentage = Number(text);
  if (percentage > 100) reject(`${column} ${text} is over 100`);
  return percentage;
}

/** Codes such as UKPRN (8) or LA code (3) are fixed-width digit strings. */
export function digitsOrNull(
  value: string | undefined,
  column: string,
  width: number,
): string | null {
  const text = textOrNull(value);
  if (text === null) return null;
  if (!new RegExp(`^\\d{${width}}$`).test(text))
    reject(`${column} "${text}" is not ${width} digits`);
  return text;
}

/**
 * Companies House numbers are 8 characters with leading zeros ("05210075"), or a 2-letter prefix
 * and 6 digits for Scottish and other registers. Spreadsheets strip the leading zeros, so an
 * all-digit number shorter than 8 is padded back rather than rejected.
 */
export function companiesHouseNumberOrNull(
  value: string | undefined,
  column: string,
): string | null {
  const text = textOrNull(value)?.toUpperCase();
  if (text === null || text === undefined) return null;
  if (/^\d{1,8}$/.test(text)) return text.padStart(8, '0');
  if (/^[A-Z]{2}\d{6}$/.test(text)) return text;
  return reject(`${column} "${text}" is not a Companies House number`);
}

const GIAS_DATE = /^(\d{2})([-/])(\d{2})\2(\d{4})$/;

/**
 * GIAS dates are `dd-mm-yyyy`; group-link files written by other tools use `dd/MM/yyyy`. Both are
 * day-first: GIAS is a UK service and never writes month-first dates.
 */
export function giasDateOrNull(value: string | undefined, column: string): IsoDate | null {
  const text = textOrNull(value);
  if (text === null) return null;
  const match = GIAS_DATE.exec(text);
  if (!match) reject(`${column} "${text}" is not a dd-mm-yyyy or dd/mm/yyyy date`);
  const [, day, , month, year] = match;
  const iso = `${year}-${month}-${day}`;
  if (!isIsoDate(iso)) reject(`${column} "${text}" is not a real date`);
  return iso;
}
