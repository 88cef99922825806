import { badUserInput, type InputProblem } from '@estate/subgraph-kit/src/errors';
import { isIsoDate } from '@estate/subgraph-kit/src/dates';
import { CONTRACT_TYPES, type EmploymentSpell } from './employment';
import { FORMAL_ACTION_KINDS, type FormalAction } from './formal-action';
import { isTrn, isUrn, type Trn } from './identifiers';
import { QUALIFICATION_ROUTES, type Qualification } from './qualification';
import { isSubjectCode } from './subjects';

export interface Teacher {
  trn: Trn;
  name: string;
  qualification: Qualification;
  employment: EmploymentSpell[];
  /** Share of contracted teaching hours spent on eligible subjects, 0 to 100. */
  eligibleSubjectTeachingPercent: number;
  formalActions: FormalAction[];
}

/**
 * Every problem with one teacher record, each with a path, so that a batch upsert can report all
 * of them at once and stay all-or-nothing.
 */
export function teacherProblems(teacher: Teacher, path = 'teacher'): InputProblem[] {
  const problems: InputProblem[] = [];
  const problem = (at: string, message: string) =>
    problems.push({ path: `${path}.${at}`, message });
  const checkDate = (at: string, value: string | undefined) => {
    if (value !== undefined && !isIsoDate(value))
      problem(at, `must be a real date as YYYY-MM-DD, got "${value}"`);
  };

  if (!isTrn(teacher.trn)) problem('trn', `must be 7 digits, got "${teacher.trn}"`);
  if (teacher.name.trim() === '') problem('name', 'must not be empty');

  const qualification = teacher.qualification;
  if (!QUALIFICATION_ROUTES.includes(qualification.route)) {
    problem('qualification.route', `must be one of ${QUALIFICATION_ROUTES.join(', ')}`);
  }
  checkDate('qualification.ittStartDate', qualification.ittStartDate);
  checkDate('qualification.ittCompletionDate', qualification.ittCompletionDate);
  checkDate('qualification.qtsAwardedOn', qualification.qtsAwardedOn);
  // Without these the ITT year of a qualified teacher could not be fixed for their route.
  if (qualification.route === 'postgraduate_itt' && qualification.ittStartDate === undefined) {
    problem('qualification.ittStartDate', 'is required for a postgraduate ITT route');
  }
  if (
    qualification.route === 'undergraduate_itt' &&
    qualification.qtsAwardedOn !== undefined &&
    qualification.ittCompletionDate === undefined
  ) {
    problem('qualification.ittCompletionDate', 'is required once an undergraduate has QTS');
  }
  if (!isSubjectCode(qualification.ittSubject)) {
    problem(
      'qualification.ittSubject',
      `is not a known subject code: "${qualification.ittSubject}"`,
    );
  }
  qualification.degreeSubjects.forEach((subject, index) => {
    if (!isSubjectCode(subject)) {
      problem(
        `qualification.degreeSubjects[${index}]`,
        `is not a known subject code: "${subject}"`,
      );
    }
  });

  teacher.employment.forEach((spell, index) => {
    const at = `employment[${index}]`;
    if (!isUrn(spell.urn)) problem(`${at}.urn`, `must be a 6-digit URN, got "${spell.urn}"`);
    checkDate(`${at}.startDate`, spell.startDate);
    checkDate(`${at}.endDate`, spell.endDate);
    if (spell.endDate !== undefined && spell.endDate < spell.startDate) {
      problem(`${at}.endDate`, 'must not be before startDate');
    }
    if (!CONTRACT_TYPES.includes(spell.contractType)) {
      problem(`${at}.contractType`, `must be one of ${CONTRACT_TYPES.join(', ')}`);
    }
  });

  const percent = teacher.eligibleSubjectTeachingPercent;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    problem('eligibleSubjectTeachingPercent', `must be between 0 and 100, got ${percent}`);
  }

  teacher.formalActions.forEach((action, index) => {
    const at = `formalActions[${index}]`;
    if (!FORMAL_ACTION_KINDS.includes(action.kind)) {
      problem(`${at}.kind`, `must be one of ${FORMAL_ACTION_KINDS.join(', ')}`);
    }
    checkDate(`${at}.startedOn`, action.startedOn);
    checkDate(`${at}.endedOn`, action.endedOn);
    if (action.endedOn !== undefined && action.endedOn < action.startedOn) {
      problem(`${at}.endedOn`, 'must not be before startedOn');
    }
  });

  return problems;
}

/** Throws one BAD_USER_INPUT listing every problem in the batch, including repeated TRNs. */
export function assertValidTeachers(teachers: readonly Teacher[]): void {
  const problems = teachers.flatMap((teacher, index) =>
    teacherProblems(teacher, `input[${index}]`),
  );
  const firstIndexByTrn = new Map<Trn, number>();
  teachers.forEach((teacher, index) => {
    const first = firstIndexByTrn.get(teacher.trn);
    if (first === undefined) firstIndexByTrn.set(teacher.trn, index);
    else problems.push({ path: `input[${index}].trn`, message: `repeats input[${first}].trn` });
  });
  if (problems.length > 0) {
    throw badUserInput(`${problems.length} problem(s) in the teacher records`, problems);
  }
}
