import type { MarkSubmission } from '../../src/modules/register/ingestion';
import { weekdays } from '../factories';

/**
 * Hand-built registers for early warning. Autumn 2025 up to Friday 21 November: 11 school weeks
 * (the half-term week of 27 October is not one), 110 sessions met, so 270 remain to the
 * statutory 380. The last 4 school weeks are 20 October and 3, 10 and 17 November; the last 8
 * reach back to 22 September.
 */
export const AS_OF = '2025-11-21';
export const DAYS = weekdays('2025-09-01', AS_OF, [{ from: '2025-10-27', to: '2025-10-31' }]);

/**
 * 1 day in the week of 29 September (in the last 8 weeks, not the last 4) and 4 in November:
 * 10 of 110 this year (9.1 %), 10 of 80 over 8 weeks and 8 of 40 over 4, so on course.
 */
export const ON_COURSE_DAYS = [
  '2025-09-29',
  '2025-11-10',
  '2025-11-11',
  '2025-11-17',
  '2025-11-18',
];

/** Whole days of unauthorised absence (2 sessions each) on the dates given, present otherwise. */
export function register(upn: string, absentDays: string[], days = DAYS): MarkSubmission[] {
  return days.flatMap((date) =>
    (['AM', 'PM'] as const).map((session) => ({
      upn,
      date,
      session,
      code: absentDays.includes(date) ? 'O' : session === 'AM' ? '/' : '\\',
    })),
  );
}
