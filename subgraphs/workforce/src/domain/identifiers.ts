import { parseUrn } from '@estate/subgraph-kit/src/identifiers';

/**
 * Teacher reference number, as DQT/TRS issues it: exactly 7 digits. Kept as a string because it is
 * an identifier, not a quantity, and leading zeros must survive.
 */
export type Trn = string;

/** GIAS Unique Reference Number of an establishment: a 6-digit integer (rule in the kit's `parseUrn`). */
export type Urn = number;

export function isTrn(value: string): value is Trn {
  return /^\d{7}$/.test(value);
}

/** The kit's `parseUrn` as a test, for validators that collect every problem instead of stopping at one. */
export function isUrn(value: number): value is Urn {
  try {
    parseUrn(value);
    return true;
  } catch {
    return false;
  }
}

/** Reads a URN written as text (CSV cells, CLI arguments); undefined unless it is plain digits forming a URN. */
export function urnFromText(text: string): Urn | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) && isUrn(Number(trimmed)) ? Number(trimmed) : undefined;
}
