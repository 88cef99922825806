import { type IsoDate, addDays, isoWeekday } from '@estate/subgraph-kit/src/dates';
import {
  type RegisterCode,
  type RegisterMark,
  type Session,
  type SessionCounts,
  sessionCountsForCode,
  sumSessionCounts,
} from '../src/domain';

export function mark(date: IsoDate, code: RegisterCode, session: Session = 'AM'): RegisterMark {
  return { date, session, code };
}

/** Session counts from sessions per code, e.g. `sessions({ '/': 18, I: 2 })`. */
export function sessions(byCode: Record<RegisterCode, number>): SessionCounts {
  return sumSessionCounts(
    Object.entries(byCode).map(([code, count]) => sessionCountsForCode(code, count)),
  );
}

/** Monday-to-Friday dates from `from` to `to` inclusive, skipping any holiday ranges. */
export function weekdays(
  from: IsoDate,
  to: IsoDate,
  holidays: Array<{ from: IsoDate; to: IsoDate }> = [],
): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const inHoliday = holidays.some((holiday) => date >= holiday.from && date <= holiday.to);
    if (isoWeekday(date) <= 5 && !inHoliday) dates.push(date);
  }
  return dates;
}

/** Both sessions of each date marked with `code`. */
export function fullDays(dates: IsoDate[], code: RegisterCode): RegisterMark[] {
  return dates.flatMap((date) => [mark(date, code, 'AM'), mark(date, code, 'PM')]);
}
