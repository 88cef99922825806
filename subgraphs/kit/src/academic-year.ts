import { badUserInput } from './errors';
import { type IsoDate, parseIsoDate } from './dates';

/**
 * An English academic year, written as DfE writes it: "2024/25". It runs from 1 September to
 * 31 August; a date before 1 September belongs to the year that started the previous autumn.
 */
export class AcademicYear {
  private constructor(readonly startYear: number) {}

  static of(startYear: number): AcademicYear {
    return new AcademicYear(startYear);
  }

  static parse(label: string): AcademicYear {
    const match = /^(20\d{2})\/(\d{2})$/.exec(label);
    if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
      throw badUserInput(`academicYear must look like "2024/25", got "${label}"`);
    }
    return new AcademicYear(Number(match[1]));
  }

  static containing(date: IsoDate): AcademicYear {
    parseIsoDate(date);
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7));
    return new AcademicYear(month >= 9 ? year : year - 1);
  }

  get label(): string {
    return `${this.startYear}/${String((this.startYear + 1) % 100).padStart(2, '0')}`;
  }

  /** EES files encode a year as "202425". */
  get eesCode(): string {
    return `${this.startYear}${String((this.startYear + 1) % 100).padStart(2, '0')}`;
  }

  get firstDay(): IsoDate {
    return `${this.startYear}-09-01`;
  }

  get lastDay(): IsoDate {
    return `${this.startYear + 1}-08-31`;
  }

  contains(date: IsoDate): boolean {
    return date >= this.firstDay && date <= this.lastDay;
  }

  plus(years: number): AcademicYear {
    return new AcademicYear(this.startYear + years);
  }

  compare(other: AcademicYear): number {
    return this.startYear - other.startYear;
  }

  equals(other: AcademicYear): boolean {
    return this.startYear === other.startYear;
  }

  toString(): string {
    return this.label;
  }
}
