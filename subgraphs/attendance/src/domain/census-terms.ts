import { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import { type IsoDate, addDays, isoWeekday, parseIsoDate } from '@estate/subgraph-kit/src/dates';
import { type DateRange, isoDateOf } from './calendar';

export type CensusTerm = 'autumn' | 'spring' | 'summerFirstHalf' | 'summerSecondHalf';

/** Easter Sunday in the Gregorian calendar (the anonymous Meeus/Jones/Butcher computus). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDateOf(year, month, day);
}

/**
 * Years in which the spring bank holiday was moved by royal proclamation for a jubilee, so that
 * the census boundary follows the real holiday rather than the last Monday in May.
 */
const MOVED_SPRING_BANK_HOLIDAYS: Readonly<Record<number, IsoDate>> = {
  2002: '2002-06-04',
  2012: '2012-06-04',
  2022: '2022-06-02',
};

/** The spring bank holiday: the last Monday in May, except in the jubilee years above. */
export function springBankHoliday(year: number): IsoDate {
  const moved = MOVED_SPRING_BANK_HOLIDAYS[year];
  if (moved) return moved;
  const lastOfMay = isoDateOf(year, 5, 31);
  return addDays(lastOfMay, -((isoWeekday(lastOfMay) - 1 + 7) % 7));
}

/**
 * The school census terms that absence is collected by (EES-abs §4.1 table 6). The census autumn
 * term starts on 1 August, a month before the academic year of the kit, so August sessions are
 * autumn sessions of the year that starts that calendar year.
 */
export function censusTerms(year: AcademicYear): Record<CensusTerm, DateRange> {
  const autumnYear = year.startYear;
  const springYear = autumnYear + 1;
  const easter = easterSunday(springYear);
  const bankHoliday = springBankHoliday(springYear);
  return {
    autumn: { from: isoDateOf(autumnYear, 8, 1), to: isoDateOf(autumnYear, 12, 31) },
    spring: { from: isoDateOf(springYear, 1, 1), to: easter },
    summerFirstHalf: { from: addDays(easter, 1), to: addDays(bankHoliday, -1) },
    summerSecondHalf: { from: bankHoliday, to: isoDateOf(springYear, 7, 31) },
  };
}

export interface CensusTermOfDate {
  /** The census year, which for August dates is one ahead of `AcademicYear.containing`. */
  academicYear: AcademicYear;
  term: CensusTerm;
}

export function censusTermOf(date: IsoDate): CensusTermOfDate {
  parseIsoDate(date);
  const calendarYear = Number(date.slice(0, 4));
  const academicYear = AcademicYear.of(date.slice(5, 7) >= '08' ? calendarYear : calendarYear - 1);
  const terms = censusTerms(academicYear);
  const term = (Object.keys(terms) as CensusTerm[]).find(
    (candidate) => date >= terms[candidate].from && date <= terms[candidate].to,
  );
  // The four ranges tile 1 August to 31 July, so every date falls in exactly one.
  return { academicYear, term: term ?? 'autumn' };
}
