import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { isTrn, isUrn, urnFromText } from '../src/domain/identifiers';
import { assertValidTeachers, teacherProblems } from '../src/domain/teacher';
import { aFormalAction, aQualification, aSpell, aTeacher } from './factories';

describe('identifiers', () => {
  it('accepts a TRN of exactly seven digits, leading zeros included', () => {
    expect(isTrn('0123456')).toBe(true);
    expect(isTrn('123456')).toBe(false);
    expect(isTrn('12345678')).toBe(false);
    expect(isTrn('12345a7')).toBe(false);
  });

  it('accepts a URN of six digits', () => {
    expect(isUrn(100006)).toBe(true);
    expect(isUrn(99999)).toBe(false);
    expect(isUrn(1000000)).toBe(false);
    expect(urnFromText(' 148830 ')).toBe(148830);
    expect(urnFromText('14883O')).toBeUndefined();
  });
});

describe('teacher records', () => {
  it('finds nothing wrong with a complete record', () => {
    expect(teacherProblems(aTeacher())).toEqual([]);
  });

  it('points at each bad field by path', () => {
    const teacher = aTeacher({
      trn: '12345',
      qualification: aQualification({ ittStartDate: undefined, ittSubject: 'history' as never }),
      employment: [aSpell({ urn: 12, startDate: '2023-09-01', endDate: '2023-08-31' })],
      eligibleSubjectTeachingPercent: 120,
      formalActions: [aFormalAction({ startedOn: '2024-02-30' })],
    });
    expect(teacherProblems(teacher).map((problem) => problem.path)).toEqual([
      'teacher.trn',
      'teacher.qualification.ittStartDate',
      'teacher.qualification.ittSubject',
      'teacher.employment[0].urn',
      'teacher.employment[0].endDate',
      'teacher.eligibleSubjectTeachingPercent',
      'teacher.formalActions[0].startedOn',
    ]);
  });

  it('needs the completion date once an undergraduate has QTS, but not while training', () => {
    const qualified = aQualification({ route: 'undergraduate_itt', ittCompletionDate: undefined });
    const training = aQualification({ ...qualified, qtsAwardedOn: undefined });
    expect(teacherProblems(aTeacher({ qualification: qualified })).map((p) => p.path)).toEqual([
      'teacher.qualification.ittCompletionDate',
    ]);
    expect(teacherProblems(aTeacher({ qualification: training }))).toEqual([]);
  });

  it('rejects the whole batch with every problem, including a repeated TRN', () => {
    const batch = [aTeacher(), aTeacher({ name: ' ' }), aTeacher()];
    try {
      assertValidTeachers(batch);
      expect.unreachable('the batch should have been rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      const { code, problems } = (error as GraphQLError).extensions;
      expect(code).toBe('BAD_USER_INPUT');
      expect(problems).toEqual([
        { path: 'input[1].name', message: 'must not be empty' },
        { path: 'input[1].trn', message: 'repeats input[0].trn' },
        { path: 'input[2].trn', message: 'repeats input[0].trn' },
      ]);
    }
  });
});
