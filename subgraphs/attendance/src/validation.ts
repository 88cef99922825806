import { badUserInput, type InputProblem, isIsoDate, type IsoDate } from '@estate/subgraph-kit';

/**
 * Checks shared by the mutations that act on absence: each adds what is wrong to a list, so that a
 * request is answered with every problem at once and nothing is written (house style).
 */
export const MAX_TEXT_LENGTH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function checkText(
  value: string | null | undefined,
  path: string,
  problems: InputProblem[],
  required: boolean,
): void {
  const trimmed = value?.trim() ?? '';
  if (required && trimmed.length === 0) problems.push({ path, message: 'must not be blank' });
  if (trimmed.length > MAX_TEXT_LENGTH) {
    problems.push({ path, message: `must have at most ${MAX_TEXT_LENGTH} characters` });
  }
}

/** A real date, not after `today`; false (with the problem added) otherwise. */
export function checkPastDate(
  value: string,
  path: string,
  today: IsoDate,
  problems: InputProblem[],
): boolean {
  if (!isIsoDate(value)) {
    problems.push({ path, message: `must be a real date as YYYY-MM-DD, got "${value}"` });
    return false;
  }
  if (value > today) {
    problems.push({ path, message: `${value} is in the future` });
    return false;
  }
  return true;
}

export function nothingWritten(what: string, problems: InputProblem[]) {
  return badUserInput(
    `${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written`,
    problems,
  );
}

/** `input.field` for a single-item mutation, `path[i].field` for a batch. */
export function problemPath(path: string, single: boolean) {
  return (i: number, field: string) => (single ? `${path}.${field}` : `${path}[${i}].${field}`);
}
