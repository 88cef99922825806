import { describe, expect, it } from 'vitest';
import { ittAcademicYear, isTraineeOn, postgraduateIttYear } from '../src/domain/qualification';
import { aQualification } from './factories';

describe('the ITT academic year depends on the qualification route', () => {
  it('takes the year a postgraduate started ITT, not the year they finished', () => {
    const postgraduate = aQualification({
      route: 'postgraduate_itt',
      ittStartDate: '2020-09-07',
      ittCompletionDate: '2021-07-01',
      qtsAwardedOn: '2021-07-20',
    });
    expect(ittAcademicYear(postgraduate)?.label).toBe('2020/21');
  });

  it('takes the year an undergraduate completed ITT, not the year they started', () => {
    const undergraduate = aQualification({
      route: 'undergraduate_itt',
      ittStartDate: '2018-09-24',
      ittCompletionDate: '2021-06-30',
      qtsAwardedOn: '2021-09-02',
    });
    expect(ittAcademicYear(undergraduate)?.label).toBe('2020/21');
  });

  it('takes the year QTS was awarded for assessment only and overseas recognition', () => {
    for (const route of ['assessment_only', 'overseas_recognition'] as const) {
      const qualification = aQualification({
        route,
        ittStartDate: '2019-01-10',
        ittCompletionDate: '2019-06-10',
        qtsAwardedOn: '2022-10-03',
      });
      expect(ittAcademicYear(qualification)?.label, route).toBe('2022/23');
    }
  });

  it('has no ITT year while the date its route needs is unknown', () => {
    expect(
      ittAcademicYear(aQualification({ route: 'undergraduate_itt', ittCompletionDate: undefined })),
    ).toBeUndefined();
    expect(
      ittAcademicYear(aQualification({ route: 'assessment_only', qtsAwardedOn: undefined })),
    ).toBeUndefined();
  });
});

describe('a postgraduate ITT start from 18 to 31 August counts as 1 September', () => {
  it('keeps a start on 17 August in the academic year that is ending', () => {
    expect(postgraduateIttYear('2021-08-17').label).toBe('2020/21');
  });

  it('moves starts on 18 and 31 August into the academic year about to begin', () => {
    expect(postgraduateIttYear('2021-08-18').label).toBe('2021/22');
    expect(postgraduateIttYear('2021-08-31').label).toBe('2021/22');
  });

  it('does not move an undergraduate completing in late August', () => {
    const undergraduate = aQualification({
      route: 'undergraduate_itt',
      ittCompletionDate: '2021-08-20',
    });
    expect(ittAcademicYear(undergraduate)?.label).toBe('2020/21');
  });

  it('applies through the route rule', () => {
    expect(ittAcademicYear(aQualification({ ittStartDate: '2019-08-25' }))?.label).toBe('2019/20');
  });
});

describe('a trainee is a teacher without QTS on the assessment date', () => {
  it('counts a teacher whose QTS comes later in the year as a trainee until that day', () => {
    const qualification = aQualification({ qtsAwardedOn: '2024-07-19' });
    expect(isTraineeOn(qualification, '2024-07-18')).toBe(true);
    expect(isTraineeOn(qualification, '2024-07-19')).toBe(false);
    expect(isTraineeOn(aQualification({ qtsAwardedOn: undefined }), '2030-01-01')).toBe(true);
  });
});
