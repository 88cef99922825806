import type { IsoDate } from '@estate/subgraph-kit/src/dates';

/** Both ends inclusive. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

// The kit's dates.ts has no constructor from parts and no year arithmetic; these two belong there
// once the kit is free to change.

export function isoDateOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The same day `years` later; 29 February lands on 1 March in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
}
