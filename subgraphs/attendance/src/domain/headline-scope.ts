import { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import { type IsoDate, parseIsoDate } from '@estate/subgraph-kit/src/dates';
import { springBankHoliday } from './census-terms';

export const YOUNGEST_HEADLINE_AGE = 5;
export const OLDEST_HEADLINE_AGE = 15;

/**
 * Age at the start of the academic year, taken as DfE takes it: on 31 August just before the year
 * begins, so a child born on 1 September is the oldest in their year group, not the youngest in the
 * next one.
 */
export function ageAtStartOfAcademicYear(dateOfBirth: IsoDate, year: AcademicYear): number {
  parseIsoDate(dateOfBirth, 'dateOfBirth');
  const years = year.startYear - Number(dateOfBirth.slice(0, 4));
  const hadBirthday = '08-31' >= dateOfBirth.slice(5);
  return hadBirthday ? years : years - 1;
}

/** Compulsory school age for the headline statistics: 5 to 15 at the start of the year. */
export function isCompulsorySchoolAge(dateOfBirth: IsoDate, year: AcademicYear): boolean {
  const age = ageAtStartOfAcademicYear(dateOfBirth, year);
  return age >= YOUNGEST_HEADLINE_AGE && age <= OLDEST_HEADLINE_AGE;
}

/**
 * Whether a pupil's session on `date` belongs in DfE's headline figures (domain.md §2.3 scope).
 * Pupils aged 15 at the start of the year lose every session from the spring bank holiday on (the
 * census's second half of the summer term) because of study leave; that also drops the August days
 * the kit counts in the same academic year, which schools do not normally meet on anyway.
 */
export function isSessionInHeadlineScope(dateOfBirth: IsoDate, date: IsoDate): boolean {
  parseIsoDate(date);
  const year = AcademicYear.containing(date);
  const age = ageAtStartOfAcademicYear(dateOfBirth, year);
  if (age < YOUNGEST_HEADLINE_AGE || age > OLDEST_HEADLINE_AGE) return false;
  if (age === OLDEST_HEADLINE_AGE && date >= studyLeaveStart(year.startYear + 1)) return false;
  return true;
}

// Ingestion asks this for every mark, so each year's date is worked out once.
const studyLeaveStarts = new Map<number, IsoDate>();
function studyLeaveStart(calendarYear: number): IsoDate {
  let start = studyLeaveStarts.get(calendarYear);
  if (start === undefined) {
    start = springBankHoliday(calendarYear);
    studyLeaveStarts.set(calendarYear, start);
  }
  return start;
}
