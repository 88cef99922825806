import { type IsoDate, isIsoDate } from '@estate/subgraph-kit/src/dates';
import { type Grade, NON_GRADE_CODES, type SubJudgement } from '../domain/grades';
import type { CategoryOfConcern, SafeguardingEffectiveness } from '../domain/inspection';

/** A cell read as a value, or the reason it could not be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const problem = <T>(text: string): Parsed<T> => ({ ok: false, problem: text });

/** Empty cells and SQL exports' "NULL" both mean Ofsted recorded nothing. */
export function isBlank(raw: string | undefined): boolean {
  return raw === undefined || raw === '' || raw.toUpperCase() === 'NULL';
}

export function parseUrn(raw: string | undefined): Parsed<number> {
  if (isBlank(raw)) return problem('URN is empty');
  if (!/^\d{6}$/.test(raw!)) return problem(`URN "${raw}" is not a 6-digit number`);
  return ok(Number(raw));
}

export function parseLaestab(raw: string | undefined): Parsed<number | null> {
  if (isBlank(raw)) return ok(null);
  const digits = raw!.replace('/', '');
  if (!/^\d{7}$/.test(digits)) return problem(`LAESTAB "${raw}" is not 7 digits`);
  return ok(Number(digits));
}

const DATE_FORMATS: { pattern: RegExp; toIso: (m: RegExpExecArray) => string }[] = [
  // ISO, with or without a time from a SQL export.
  { pattern: /^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?$/, toIso: (m) => `${m[1]}-${m[2]}-${m[3]}` },
  // Ofsted's published files: dd/mm/yyyy; GIAS-style dd-mm-yyyy.
  {
    pattern: /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?: [\d:.]+)?$/,
    toIso: (m) => `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`,
  },
  // Scraped history files: yyyymmdd.
  { pattern: /^(\d{4})(\d{2})(\d{2})$/, toIso: (m) => `${m[1]}-${m[2]}-${m[3]}` },
];

/** Reads the date layouts the Ofsted files use into ISO; blank is null. */
export function parseOfstedDate(raw: string | undefined): Parsed<IsoDate | null> {
  if (isBlank(raw)) return ok(null);
  for (const { pattern, toIso } of DATE_FORMATS) {
    const match = pattern.exec(raw!);
    if (!match) continue;
    const iso = toIso(match);
    return isIsoDate(iso) ? ok(iso) : problem(`"${raw}" is not a real date`);
  }
  return problem(`"${raw}" is not a date in a known layout (yyyy-mm-dd, dd/mm/yyyy, yyyymmdd)`);
}

const GRADE_WORDS: Record<string, Grade> = {
  outstanding: 1,
  good: 2,
  'requires improvement': 3,
  satisfactory: 3,
  inadequate: 4,
};

/** "2", "2.0" (through a spreadsheet) or "Good" to a grade; undefined if it is none of these. */
function gradeFrom(raw: string): Grade | undefined {
  const number = /^(\d)(?:\.0+)?$/.exec(raw);
  if (number) {
    const value = Number(number[1]);
    return value >= 1 && value <= 4 ? (value as Grade) : undefined;
  }
  return GRADE_WORDS[raw.toLowerCase()];
}

function codeFrom(raw: string): number | undefined {
  const number = /^(\d)(?:\.0+)?$/.exec(raw);
  return number ? Number(number[1]) : undefined;
}

/**
 * Overall effectiveness: 1–4, or 9 / "Not judged" when the visit gave no headline grade. Both of
 * those and blank come out as null, the model's "no headline grade".
 */
export function parseOverallEffectiveness(raw: string | undefined): Parsed<Grade | null> {
  if (isBlank(raw)) return ok(null);
  const grade = gradeFrom(raw!);
  if (grade !== undefined) return ok(grade);
  if (codeFrom(raw!) === 9 || raw!.toLowerCase() === 'not judged') return ok(null);
  return problem(`"${raw}" is not an overall effectiveness grade (1–4, 9 or "Not judged")`);
}

/** A sub-judgement: 1–4, or 0 insufficient evidence, 8 does not apply, 9 / "Not judged". */
export function parseSubJudgement(raw: string | undefined): Parsed<SubJudgement | null> {
  if (isBlank(raw)) return ok(null);
  const grade = gradeFrom(raw!);
  if (grade !== undefined) return ok(grade);
  if (raw!.toLowerCase() === 'not judged') return ok('notJudged');
  const code = codeFrom(raw!);
  if (code === 0 || code === 8 || code === 9) return ok(NON_GRADE_CODES[code]);
  return problem(`"${raw}" is not a judgement (1–4, 0, 8, 9 or "Not judged")`);
}

export function parseSafeguarding(
  raw: string | undefined,
): Parsed<SafeguardingEffectiveness | null> {
  if (isBlank(raw)) return ok(null);
  const text = raw!.toLowerCase();
  if (text === 'yes') return ok('effective');
  if (text === 'no') return ok('notEffective');
  if (codeFrom(raw!) === 9) return ok('notRecorded');
  return problem(`"${raw}" is not a safeguarding answer (Yes, No or 9)`);
}

const CATEGORY_WORDS: Record<string, CategoryOfConcern> = {
  sm: 'specialMeasures',
  'special measures': 'specialMeasures',
  swk: 'seriousWeaknesses',
  'serious weaknesses': 'seriousWeaknesses',
  rsi: 'seriousWeaknesses',
  'requires significant improvement': 'seriousWeaknesses',
  nti: 'noticeToImprove',
  'notice to improve': 'noticeToImprove',
};

/** SM, SWK (or RSI, its new name), NTI or their words; blank means no category. */
export function parseCategoryOfConcern(raw: string | undefined): Parsed<CategoryOfConcern | null> {
  if (isBlank(raw)) return ok(null);
  const category = CATEGORY_WORDS[raw!.toLowerCase()];
  return category
    ? ok(category)
    : problem(`"${raw}" is not a category of concern (SM, SWK, RSI, NTI)`);
}

/** "Yes" / "No" questions in the MI, such as whether an ungraded visit converted. */
export function parseYesNo(raw: string | undefined): Parsed<boolean | null> {
  if (isBlank(raw)) return ok(null);
  const text = raw!.toLowerCase();
  if (text === 'yes' || text === 'y') return ok(true);
  if (text === 'no' || text === 'n') return ok(false);
  return problem(`"${raw}" is not Yes or No`);
}

/** A rating in words, as the history files give it. */
export function parseRatingWords(raw: string | undefined): Parsed<Grade> {
  if (isBlank(raw)) return problem('no rating');
  const grade = GRADE_WORDS[raw!.toLowerCase()];
  return grade
    ? ok(grade)
    : problem(
        `rating "${raw}" is not Outstanding, Good, Requires Improvement, Satisfactory or Inadequate`,
      );
}
