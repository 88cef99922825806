import { describe, expect, it } from 'vitest';
import { AcademicYear } from '../src/academic-year';
import { addDays, daysBetween, isIsoDate, isoWeekday } from '../src/dates';

describe('AcademicYear', () => {
  it('puts 31 August in the year that began the previous September', () => {
    expect(AcademicYear.containing('2025-08-31').label).toBe('2024/25');
    expect(AcademicYear.containing('2025-09-01').label).toBe('2025/26');
  });

  it('rejects labels whose two halves do not follow on', () => {
    expect(() => AcademicYear.parse('2024/26')).toThrow(/2024\/25/);
    expect(() => AcademicYear.parse('24/25')).toThrow();
    expect(AcademicYear.parse('2099/00').label).toBe('2099/00');
  });

  it('gives the EES code and the year boundaries', () => {
    const year = AcademicYear.parse('2025/26');
    expect(year.eesCode).toBe('202526');
    expect([year.firstDay, year.lastDay]).toEqual(['2025-09-01', '2026-08-31']);
    expect(year.plus(-5).label).toBe('2020/21');
  });
});

describe('ISO dates', () => {
  it('refuses impossible calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-12-31')).toBe(true);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-00-10')).toBe(false);
    expect(isIsoDate('2024-01-00')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });

  it('agrees with the calendar of Date on every day from 1899 to 2101', () => {
    const viaDate = (date: string, days: number) => {
      const d = new Date(`${date}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    };
    const disagreements: string[] = [];
    let date = '1899-12-25';
    for (let step = 0; step < 73_500; step += 1) {
      const next = addDays(date, 1);
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
      if (next !== viaDate(date, 1) || isoWeekday(date) !== weekday) disagreements.push(date);
      date = next;
    }
    expect(disagreements).toEqual([]);
    expect(date > '2100-12-31').toBe(true);
    expect(addDays('2024-03-01', -366)).toBe('2023-03-01');
    expect(daysBetween('2023-03-01', '2024-03-01')).toBe(366);
    expect(daysBetween('2024-03-01', '2023-03-01')).toBe(-366);
  });

  it('steps over month ends and knows the weekday', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(isoWeekday('2024-09-02')).toBe(1);
    expect(isoWeekday('2024-09-08')).toBe(7);
  });
});
