import { AcademicYear } from '@estate/subgraph-kit';
import { describe, expect, it } from 'vitest';
import { generateDemoRegisters } from '../src/seed/demo-registers';

function marksOfYear(today: string, year: AcademicYear) {
  return generateDemoRegisters(today).flatMap((batch) =>
    batch.marks
      .filter((mark) => mark.date >= year.firstDay && mark.date <= year.lastDay)
      .map((mark) => `${batch.urn} ${mark.upn} ${mark.date} ${mark.session} ${mark.code}`),
  );
}

describe('demo registers', () => {
  it('give a finished year the same marks whatever the date in the year after it', () => {
    const finished = AcademicYear.containing('2026-12-04').plus(-1);
    const early = marksOfYear('2026-09-07', finished);
    expect(early.length).toBeGreaterThan(50_000);
    expect(marksOfYear('2026-12-04', finished)).toEqual(early);
    expect(marksOfYear('2027-07-01', finished)).toEqual(early);
  });

  it('run the current year to yesterday', () => {
    const dates = generateDemoRegisters('2026-12-04').flatMap((batch) =>
      batch.marks.map((mark) => mark.date),
    );
    expect(dates.reduce((last, date) => (date > last ? date : last))).toBe('2026-12-03');
  });
});
