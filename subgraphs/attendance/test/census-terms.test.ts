import { describe, expect, it } from 'vitest';
import { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import {
  ageAtStartOfAcademicYear,
  censusTermOf,
  censusTerms,
  easterSunday,
  isCompulsorySchoolAge,
  isSessionInHeadlineScope,
  springBankHoliday,
} from '../src/domain';

describe('Easter and the spring bank holiday', () => {
  it('computes Easter Sunday for early, late and ordinary years', () => {
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('finds the last Monday in May, including when 31 May is itself a Monday', () => {
    expect(springBankHoliday(2025)).toBe('2025-05-26');
    expect(springBankHoliday(2026)).toBe('2026-05-25');
    expect(springBankHoliday(2027)).toBe('2027-05-31');
  });

  it('follows the jubilee years in which the holiday moved into June', () => {
    expect(springBankHoliday(2022)).toBe('2022-06-02');
    expect(springBankHoliday(2012)).toBe('2012-06-04');
  });
});

describe('census terms', () => {
  it('splits 2024/25 at Easter and the spring bank holiday', () => {
    expect(censusTerms(AcademicYear.parse('2024/25'))).toEqual({
      autumn: { from: '2024-08-01', to: '2024-12-31' },
      spring: { from: '2025-01-01', to: '2025-04-20' },
      summerFirstHalf: { from: '2025-04-21', to: '2025-05-25' },
      summerSecondHalf: { from: '2025-05-26', to: '2025-07-31' },
    });
  });

  it('places the days either side of each boundary', () => {
    expect(censusTermOf('2025-04-20').term).toBe('spring');
    expect(censusTermOf('2025-04-21').term).toBe('summerFirstHalf');
    expect(censusTermOf('2025-05-25').term).toBe('summerFirstHalf');
    expect(censusTermOf('2025-05-26').term).toBe('summerSecondHalf');
    expect(censusTermOf('2025-07-31').term).toBe('summerSecondHalf');
  });

  it('puts August in the autumn term of the census year that begins then', () => {
    const august = censusTermOf('2025-08-15');
    expect(august.term).toBe('autumn');
    expect(august.academicYear.label).toBe('2025/26');
  });
});

describe('headline scope: compulsory school age', () => {
  const year = AcademicYear.parse('2024/25');

  it('takes age on 31 August, so a 1 September birthday is the oldest in the year', () => {
    expect(ageAtStartOfAcademicYear('2019-08-31', year)).toBe(5);
    expect(ageAtStartOfAcademicYear('2019-09-01', year)).toBe(4);
  });

  it('covers pupils aged 5 to 15 at the start of the year and no others', () => {
    expect(isCompulsorySchoolAge('2019-09-01', year)).toBe(false);
    expect(isCompulsorySchoolAge('2019-08-31', year)).toBe(true);
    expect(isCompulsorySchoolAge('2008-09-01', year)).toBe(true);
    expect(isCompulsorySchoolAge('2008-08-31', year)).toBe(false);
  });

  it('drops the second half of the summer term for pupils aged 15 at the start of the year', () => {
    const fifteen = '2009-03-10';
    expect(isSessionInHeadlineScope(fifteen, '2025-05-23')).toBe(true);
    expect(isSessionInHeadlineScope(fifteen, '2025-05-26')).toBe(false);
    expect(isSessionInHeadlineScope(fifteen, '2025-07-15')).toBe(false);
  });

  it('keeps the second half of the summer term for a 14-year-old', () => {
    expect(isSessionInHeadlineScope('2010-03-10', '2025-06-02')).toBe(true);
  });

  it('leaves out sessions of pupils over compulsory school age', () => {
    expect(isSessionInHeadlineScope('2008-03-10', '2024-10-01')).toBe(false);
  });
});
