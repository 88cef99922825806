import { badUserInput } from '@estate/subgraph-kit/src/errors';
import { describe, expect, it } from 'vitest';
import { premiumAwardsArguments, teachersArguments, withProblemsListed } from '../src/import/cli';

const asLabels = (args: string[]) => {
  const { academicYear, file } = premiumAwardsArguments(args);
  return { academicYear: academicYear.label, file };
};

describe('pnpm import premium-awards arguments', () => {
  it("takes the issue's <academicYear> <csv>", () => {
    expect(asLabels(['2022/23', 'awards.csv'])).toEqual({
      academicYear: '2022/23',
      file: 'awards.csv',
    });
  });

  it('still takes --year, before or after the file', () => {
    expect(asLabels(['awards.csv', '--year', '2023/24'])).toEqual({
      academicYear: '2023/24',
      file: 'awards.csv',
    });
    expect(asLabels(['--year', '2023/24', 'awards.csv'])).toEqual({
      academicYear: '2023/24',
      file: 'awards.csv',
    });
  });

  it('refuses missing, extra or misplaced arguments with the usage', () => {
    for (const args of [
      [],
      ['2022/23'],
      ['awards.csv', '--year'],
      ['2022/23', 'awards.csv', 'more.csv'],
      ['--year', '2022/23'],
      ['2022/23', '--year', '2023/24', 'awards.csv'],
    ]) {
      expect(() => premiumAwardsArguments(args), args.join(' ')).toThrow(
        /^Usage: pnpm import premium-awards <academicYear> <school_urn,award_amount\.csv>/,
      );
    }
  });

  it('names the academic year form when the file comes first without --year', () => {
    expect(() => premiumAwardsArguments(['awards.csv', '2022/23'])).toThrow(
      'academicYear must look like "2024/25", got "awards.csv"',
    );
  });
});

describe('pnpm import teachers arguments', () => {
  it('takes exactly one file', () => {
    expect(teachersArguments(['teachers.csv'])).toEqual({ file: 'teachers.csv' });
    expect(() => teachersArguments([])).toThrow(/^Usage: pnpm import teachers <teachers\.csv>/);
    expect(() => teachersArguments(['a.csv', 'b.csv'])).toThrow(/^Usage/);
  });
});

describe('a refused file on the command line', () => {
  it('lists every problem in the message, which is all the launcher prints', () => {
    const refused = badUserInput('2 problem(s) in the teacher file; nothing was imported', [
      { path: 'line 2, urn', message: 'must be a 6-digit URN, got 13647' },
      { path: 'line 5', message: 'expected 16 cells as in the header, got 17' },
    ]);
    expect((withProblemsListed(refused) as Error).message).toBe(
      [
        '2 problem(s) in the teacher file; nothing was imported',
        '  line 2, urn: must be a 6-digit URN, got 13647',
        '  line 5: expected 16 cells as in the header, got 17',
      ].join('\n'),
    );
    const plain = new Error('connection refused');
    expect(withProblemsListed(plain)).toBe(plain);
  });
});
