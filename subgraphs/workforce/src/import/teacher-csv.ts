/**
 * The teacher CSV: the records `upsertTeachers(input: [TeacherInput!]!)` takes, flattened to one
 * row per employment spell. Columns are found by header name, in any order; a header not listed
 * below is refused rather than ignored, so a misspelt column cannot silently drop data.
 *
 * The teacher's own columns, repeated on every row of that teacher, identically:
 *   trn                               required, 7 digits (keep leading zeros)
 *   name                              required
 *   route                             required: postgraduate_itt, undergraduate_itt,
 *                                     assessment_only or overseas_recognition
 *   itt_start_date                    YYYY-MM-DD; required for postgraduate_itt
 *   itt_completion_date               YYYY-MM-DD; required for undergraduate_itt once QTS is awarded
 *   qts_awarded_on                    YYYY-MM-DD; empty while training
 *   itt_subject                       required: chemistry, computing, mathematics, physics or other
 *   degree_subjects                   the same subject codes separated by ";", or empty
 *   eligible_subject_teaching_percent required, 0 to 100, at most 2 decimal places
 *   formal_actions                    empty, or entries separated by ";", each
 *                                     kind:startedOn or kind:startedOn:endedOn, kind being
 *                                     performance or disciplinary (e.g. performance:2024-01-08)
 * One employment spell per row:
 *   urn                               6 digits
 *   start_date                        YYYY-MM-DD
 *   end_date                          YYYY-MM-DD, the last day employed; empty while open
 *   contract_type                     permanent, fixed_term or supply
 *   whole_term_contract               true or false; empty means true
 *   employed_directly_by_school       true or false; empty means true
 *
 * A teacher with no employment has one row whose spell columns are all empty. Code values may
 * also be written in the API's upper case (POSTGRADUATE_ITT). Optional columns may be left out
 * of the header altogether. Each teacher's record replaces the stored one whole, as in
 * `upsertTeachers`.
 *
 * Formal actions share a cell rather than having rows of their own because they are rare and
 * belong to the teacher, not to a spell; a second kind of row would make every row sparse.
 */
import { parse } from 'csv-parse/sync';
import { badUserInput, type InputProblem } from '@estate/subgraph-kit/src/errors';
import { type Teacher, teacherProblems } from '../domain/teacher';
import {
  type EmploymentSpellInput,
  type FormalActionInput,
  type TeacherInput,
  teacherRecordFrom,
} from '../modules/teacher/teacher.input';

const TEACHER_COLUMNS = [
  'trn',
  'name',
  'route',
  'itt_start_date',
  'itt_completion_date',
  'qts_awarded_on',
  'itt_subject',
  'degree_subjects',
  'eligible_subject_teaching_percent',
  'formal_actions',
] as const;
const SPELL_COLUMNS = [
  'urn',
  'start_date',
  'end_date',
  'contract_type',
  'whole_term_contract',
  'employed_directly_by_school',
] as const;
export const TEACHER_CSV_COLUMNS = [...TEACHER_COLUMNS, ...SPELL_COLUMNS] as const;
export type TeacherCsvColumn = (typeof TEACHER_CSV_COLUMNS)[number];

/** The columns a header must name; the others may be left out and read as empty. */
export const REQUIRED_TEACHER_CSV_COLUMNS: readonly TeacherCsvColumn[] = [
  'trn',
  'name',
  'route',
  'itt_subject',
  'eligible_subject_teaching_percent',
  'urn',
  'start_date',
  'contract_type',
];

export interface TeacherCsvProblem {
  /** Line in the file, the header being line 1; a quoted cell spanning lines gives its last. */
  line: number;
  /** The column, with the entry for list cells, e.g. `degree_subjects[1]`; absent for a whole row. */
  column?: string;
  message: string;
}

export interface TeacherFromCsv {
  record: Teacher;
  /** Every line of the file holding this teacher, in file order. */
  lines: number[];
}

export interface ParsedTeachersCsv {
  teachers: TeacherFromCsv[];
  /** Data rows read, blank lines aside. */
  rows: number;
  problems: TeacherCsvProblem[];
}

type Row = Record<TeacherCsvColumn, string>;

interface TeacherRows {
  trn: string;
  rows: { line: number; cells: Row }[];
}

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const FORMAL_ACTION = /^([A-Za-z_]+):([^:]*)(?::([^:]*))?$/;

/**
 * Reads the whole file and reports every problem with its line: problems of form (a cell that is
 * not a number, a teacher's rows that disagree) and the domain's own `teacherProblems`, the rules
 * `upsertTeachers` applies, mapped back to the line and column they came from.
 */
export function parseTeachersCsv(csv: string): ParsedTeachersCsv {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // `info` gives each record its real line, which blank lines would otherwise shift; csv-parse's
    // types do not model the shape that option gives.
    parsed = parse(csv, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    throw badUserInput(`teacher file is not valid CSV: ${(error as Error).message}`);
  }
  const [headerRecord, ...dataRecords] = parsed;
  const columnIndex = readHeader(headerRecord?.record ?? []);

  const problems: TeacherCsvProblem[] = [];
  const byTrn = new Map<string, TeacherRows>();
  for (const { record, info } of dataRecords) {
    if (record.length !== columnIndex.width) {
      problems.push({
        line: info.lines,
        message: `expected ${columnIndex.width} cells as in the header, got ${record.length}`,
      });
      continue;
    }
    const cells = Object.fromEntries(
      TEACHER_CSV_COLUMNS.map((column) => {
        const index = columnIndex.of.get(column);
        return [column, index === undefined ? '' : (record[index] ?? '')];
      }),
    ) as Row;
    // Without a TRN the row belongs to no teacher; grouping such rows would only add noise.
    if (cells.trn === '') {
      problems.push({ line: info.lines, column: 'trn', message: 'is required' });
      continue;
    }
    const rows = byTrn.get(cells.trn) ?? { trn: cells.trn, rows: [] };
    rows.rows.push({ line: info.lines, cells });
    byTrn.set(cells.trn, rows);
  }
  if (dataRecords.length === 0) problems.push({ line: 1, message: 'the file holds no teachers' });

  const teachers = [...byTrn.values()].map((rows) => teacherFromRows(rows, problems));
  problems.sort((a, b) => a.line - b.line);
  return { teachers, rows: dataRecords.length, problems };
}

/** All-or-nothing form for an import: the records, or one BAD_USER_INPUT naming every problem. */
export function teachersFromCsv(csv: string): TeacherFromCsv[] {
  const parsed = parseTeachersCsv(csv);
  if (parsed.problems.length > 0) {
    throw badUserInput(
      `${parsed.problems.length} problem(s) in the teacher file; nothing was imported`,
      parsed.problems.map(toInputProblem),
    );
  }
  return parsed.teachers;
}

function toInputProblem(problem: TeacherCsvProblem): InputProblem {
  return {
    path: problem.column ? `line ${problem.line}, ${problem.column}` : `line ${problem.line}`,
    message: problem.message,
  };
}

function readHeader(header: string[]): { of: Map<TeacherCsvColumn, number>; width: number } {
  const problems: InputProblem[] = [];
  const of = new Map<TeacherCsvColumn, number>();
  header.forEach((name, index) => {
    const column = name.toLowerCase() as TeacherCsvColumn;
    if (!TEACHER_CSV_COLUMNS.includes(column)) {
      problems.push({ path: 'line 1', message: `unknown column "${name}"` });
    } else if (of.has(column)) {
      problems.push({ path: 'line 1', message: `column "${name}" appears twice` });
    } else {
      of.set(column, index);
    }
  });
  for (const column of REQUIRED_TEACHER_CSV_COLUMNS) {
    if (!of.has(column)) problems.push({ path: 'line 1', message: `missing column "${column}"` });
  }
  // Without a sound header no row can be read, so stop here rather than report every row.
  if (problems.length > 0) {
    throw badUserInput(
      `the teacher file's header is wrong (columns are ${TEACHER_CSV_COLUMNS.join(',')}); nothing was imported`,
      problems,
    );
  }
  return { of, width: header.length };
}

function teacherFromRows(
  { trn, rows }: TeacherRows,
  problems: TeacherCsvProblem[],
): TeacherFromCsv {
  const [first] = rows;
  if (!first) throw new Error('a teacher is only grouped from at least one row');
  const line = first.line;
  const cells = first.cells;
  const report = (at: number, column: string | undefined, message: string) =>
    problems.push({ line: at, ...(column ? { column } : {}), message });

  for (const { line: laterLine, cells: later } of rows.slice(1)) {
    for (const column of TEACHER_COLUMNS) {
      if (later[column] !== cells[column]) {
        report(
          laterLine,
          column,
          `"${later[column]}" differs from "${cells[column]}" on line ${line}; a teacher's own columns must repeat on each of their rows`,
        );
      }
    }
  }

  // Domain paths whose value is a stand-in for a cell that could not be read: the cell's own
  // problem is reported, and the domain's complaint about the stand-in would only repeat it.
  const standIns = new Set<string>();
  const spellLines: number[] = [];
  const employment: EmploymentSpellInput[] = [];
  for (const row of rows) {
    if (SPELL_COLUMNS.every((column) => row.cells[column] === '')) {
      if (rows.length > 1) {
        report(row.line, undefined, `teacher ${trn} has other rows, so this one needs a spell`);
      }
      continue;
    }
    const index = employment.length;
    const spell = spellFromCells(row.cells, (column, message) => {
      report(row.line, column, message);
      if (column === 'urn') standIns.add(`employment[${index}].urn`);
      if (column === 'start_date') standIns.add(`employment[${index}].startDate`);
    });
    employment.push(spell);
    spellLines.push(row.line);
  }

  const percentText = cells.eligible_subject_teaching_percent;
  let eligibleSubjectTeachingPercent = Number.NaN;
  if (PERCENT.test(percentText)) eligibleSubjectTeachingPercent = Number(percentText);
  else {
    report(
      line,
      'eligible_subject_teaching_percent',
      `must be a number from 0 to 100 with at most 2 decimal places, got "${percentText}"`,
    );
    standIns.add('eligibleSubjectTeachingPercent');
  }

  const { actions: formalActions, sourceEntry: actionEntry } = formalActionsFromCell(
    cells.formal_actions,
    (entry, message) => report(line, `formal_actions[${entry}]`, message),
  );

  const input: TeacherInput = {
    trn,
    name: cells.name,
    qualification: {
      route: codeFrom(cells.route) as TeacherInput['qualification']['route'],
      ittStartDate: cells.itt_start_date || null,
      ittCompletionDate: cells.itt_completion_date || null,
      qtsAwardedOn: cells.qts_awarded_on || null,
      ittSubject: codeFrom(cells.itt_subject) as TeacherInput['qualification']['ittSubject'],
      degreeSubjects: listFrom(cells.degree_subjects).map(
        codeFrom,
      ) as TeacherInput['qualification']['degreeSubjects'],
    },
    employment,
    eligibleSubjectTeachingPercent,
    formalActions,
  };
  const record = teacherRecordFrom(input);

  for (const problem of teacherProblems(record, 'teacher')) {
    const path = problem.path.replace(/^teacher\./, '');
    if (standIns.has(path)) continue;
    const located = locateDomainProblem(path, line, spellLines, actionEntry);
    report(located.line, located.column, problem.message);
  }
  return { record, lines: rows.map((row) => row.line) };
}

function spellFromCells(
  cells: Row,
  report: (column: TeacherCsvColumn, message: string) => void,
): EmploymentSpellInput {
  let urn = Number.NaN;
  if (/^\d+$/.test(cells.urn)) urn = Number(cells.urn);
  else report('urn', `must be a 6-digit URN, got "${cells.urn}"`);
  if (cells.start_date === '') report('start_date', 'is required for an employment spell');
  return {
    urn,
    startDate: cells.start_date,
    endDate: cells.end_date || null,
    contractType: codeFrom(cells.contract_type) as EmploymentSpellInput['contractType'],
    wholeTermContract: booleanFrom(cells, 'whole_term_contract', report),
    employedDirectlyBySchool: booleanFrom(cells, 'employed_directly_by_school', report),
  };
}

function booleanFrom(
  cells: Row,
  column: 'whole_term_contract' | 'employed_directly_by_school',
  report: (column: TeacherCsvColumn, message: string) => void,
): boolean {
  const text = cells[column].toLowerCase();
  // Empty means true, as the API's default does: only supply contracts need to say otherwise.
  if (text === '' || text === 'true') return true;
  if (text === 'false') return false;
  report(column, `must be true, false or empty, got "${cells[column]}"`);
  return true;
}

function formalActionsFromCell(
  cell: string,
  report: (entry: number, message: string) => void,
): { actions: FormalActionInput[]; sourceEntry: number[] } {
  const actions: FormalActionInput[] = [];
  const sourceEntry: number[] = [];
  listFrom(cell).forEach((entry, index) => {
    const match = FORMAL_ACTION.exec(entry);
    if (!match) {
      report(index, `must be kind:startedOn or kind:startedOn:endedOn, got "${entry}"`);
      return;
    }
    const [, kind = '', startedOn = '', endedOn] = match;
    actions.push({
      kind: codeFrom(kind) as FormalActionInput['kind'],
      startedOn,
      endedOn: endedOn || null,
    });
    sourceEntry.push(index);
  });
  return { actions, sourceEntry };
}

const DOMAIN_FIELD_COLUMNS: Record<string, string> = {
  trn: 'trn',
  name: 'name',
  'qualification.route': 'route',
  'qualification.ittStartDate': 'itt_start_date',
  'qualification.ittCompletionDate': 'itt_completion_date',
  'qualification.qtsAwardedOn': 'qts_awarded_on',
  'qualification.ittSubject': 'itt_subject',
  eligibleSubjectTeachingPercent: 'eligible_subject_teaching_percent',
  urn: 'urn',
  startDate: 'start_date',
  endDate: 'end_date',
  contractType: 'contract_type',
};

/** Turns a `teacherProblems` path back into the line and column of the file it came from. */
function locateDomainProblem(
  path: string,
  teacherLine: number,
  spellLines: readonly number[],
  actionEntry: readonly number[],
): { line: number; column: string } {
  const spell = /^employment\[(\d+)\]\.(\w+)$/.exec(path);
  if (spell) {
    const [, index = '', field = ''] = spell;
    return {
      line: spellLines[Number(index)] ?? teacherLine,
      column: DOMAIN_FIELD_COLUMNS[field] ?? path,
    };
  }
  const degree = /^qualification\.degreeSubjects\[(\d+)\]$/.exec(path);
  if (degree) return { line: teacherLine, column: `degree_subjects[${degree[1]}]` };
  const action = /^formalActions\[(\d+)\]\.(\w+)$/.exec(path);
  if (action) {
    const [, index = '', field = ''] = action;
    const entry = actionEntry[Number(index)] ?? Number(index);
    return { line: teacherLine, column: `formal_actions[${entry}].${field}` };
  }
  return { line: teacherLine, column: DOMAIN_FIELD_COLUMNS[path] ?? path };
}

/** Code values are the domain's lower case; the API's upper-case names are accepted too. */
function codeFrom(text: string): string {
  return text.trim().toLowerCase();
}

function listFrom(cell: string): string[] {
  return cell
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
