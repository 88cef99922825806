import { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import type { InputProblem } from '@estate/subgraph-kit/src/errors';
import { TEACHER_CSV_COLUMNS } from './teacher-csv';

export const PREMIUM_AWARDS_USAGE =
  "<academicYear> <school_urn,award_amount.csv>   e.g. 2022/23 lup_school_awards_2022_to_2023.csv (replaces that year's list; <csv> --year <academicYear> also works)";

export const TEACHERS_USAGE = [
  '<teachers.csv>   one row per employment spell, as upsertTeachers; layout in subgraphs/workforce/src/import/teacher-csv.ts',
  `      columns: ${TEACHER_CSV_COLUMNS.join(',')}`,
].join('\n');

/**
 * `pnpm import premium-awards` arguments: the issue's `<academicYear> <csv>`, or the earlier
 * `<csv> --year <academicYear>` (with `--year` anywhere), which scripts may already use.
 */
export function premiumAwardsArguments(args: readonly string[]): {
  academicYear: AcademicYear;
  file: string;
} {
  const usage = () => new Error(`Usage: pnpm import premium-awards ${PREMIUM_AWARDS_USAGE}`);
  const yearFlag = args.indexOf('--year');
  let yearText: string | undefined;
  let positional: string[];
  if (yearFlag >= 0) {
    yearText = args[yearFlag + 1];
    positional = args.filter((_, index) => index !== yearFlag && index !== yearFlag + 1);
    if (yearText === undefined || yearText.startsWith('--') || positional.length !== 1) {
      throw usage();
    }
  } else {
    [yearText, ...positional] = args;
    if (positional.length !== 1) throw usage();
  }
  const [file = ''] = positional;
  if (file.startsWith('--') || yearText === undefined) throw usage();
  // AcademicYear.parse names the expected form ("2024/25"), which is the likeliest mistake here.
  return { academicYear: AcademicYear.parse(yearText), file };
}

export function teachersArguments(args: readonly string[]): { file: string } {
  const [file, ...rest] = args;
  if (file === undefined || file.startsWith('--') || rest.length > 0) {
    throw new Error(`Usage: pnpm import teachers ${TEACHERS_USAGE}`);
  }
  return { file };
}

/**
 * The launcher prints only an error's message, so a refused file's problems, which a
 * BAD_USER_INPUT carries in its extensions, are folded into the message, one per line.
 */
export function withProblemsListed(error: unknown): unknown {
  const problems = (error as { extensions?: { problems?: InputProblem[] } } | undefined)?.extensions
    ?.problems;
  if (!(error instanceof Error) || !problems?.length) return error;
  const listed = problems.map((problem) => `  ${problem.path}: ${problem.message}`);
  return new Error([error.message, ...listed].join('\n'), { cause: error });
}
