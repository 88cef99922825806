/**
 * A parameter for `column ilike ? escape '\'` that matches `text` anywhere, with the caller's own
 * `%`, `_` and `\` taken literally rather than as wildcards.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
