import { type IsoDate, addDays, isoWeekday } from '@estate/subgraph-kit/src/dates';

/** The Monday of the Monday-to-Sunday week containing `date`. */
export function weekCommencing(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/**
 * A run of whole school weeks ending with the latest one up to a date. A school week is any
 * Monday-to-Sunday week in which the school recorded at least one session, so holidays simply
 * do not count and a window reaches back across half-terms and academic years alike.
 */
export interface SchoolWeekWindow {
  /** Mondays of the school weeks in the window, oldest first; fewer than asked if history is short. */
  weeksCommencing: IsoDate[];
  /** The Monday of the oldest school week in the window, or null when there are none. */
  from: IsoDate | null;
  /** The date the window runs up to; sessions after it are not yet known. */
  to: IsoDate;
}

/**
 * The last `weeks` school weeks up to and including `asOf`. Only sessions on or before `asOf` make a
 * week a school week: a week that has barely begun counts once it has had a session.
 */
export function schoolWeeksUpTo(
  sessionDates: Iterable<IsoDate>,
  asOf: IsoDate,
  weeks: number,
): SchoolWeekWindow {
  if (!Number.isInteger(weeks) || weeks < 1) {
    throw new RangeError(`a window is a whole number of school weeks, got ${weeks}`);
  }
  const mondays = new Set<IsoDate>();
  for (const date of sessionDates) if (date <= asOf) mondays.add(weekCommencing(date));
  const weeksCommencing = [...mondays].sort().slice(-weeks);
  return { weeksCommencing, from: weeksCommencing[0] ?? null, to: asOf };
}

export function isWithinWindow(date: IsoDate, window: SchoolWeekWindow): boolean {
  return window.from !== null && date >= window.from && date <= window.to;
}
