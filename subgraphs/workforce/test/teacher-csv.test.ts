import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { parseTeachersCsv, teachersFromCsv } from '../src/import/teacher-csv';

const fixture = readFileSync(
  fileURLToPath(new URL('./fixtures/teachers-small.csv', import.meta.url)),
  'utf8',
);
const HEADER =
  'trn,name,route,itt_start_date,itt_completion_date,qts_awarded_on,itt_subject,degree_subjects,eligible_subject_teaching_percent,formal_actions,urn,start_date,end_date,contract_type,whole_term_contract,employed_directly_by_school';

function problemsOf(csv: string) {
  return parseTeachersCsv(csv).problems;
}

describe('the teacher CSV', () => {
  it('reads one row per employment spell into whole teacher records', () => {
    const parsed = parseTeachersCsv(fixture);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toBe(4);
    expect(parsed.teachers.map((teacher) => [teacher.record.trn, teacher.lines])).toEqual([
      ['1000001', [2, 3]],
      ['1000002', [4]],
      ['1000003', [5]],
    ]);
    const [ada, siobhan, tomasz] = parsed.teachers.map((teacher) => teacher.record);
    expect(ada).toEqual({
      trn: '1000001',
      name: 'Ada Okafor',
      qualification: {
        route: 'postgraduate_itt',
        ittStartDate: '2020-08-24',
        ittCompletionDate: undefined,
        qtsAwardedOn: '2021-07-16',
        ittSubject: 'mathematics',
        degreeSubjects: ['mathematics', 'physics'],
      },
      employment: [
        {
          urn: 136470,
          startDate: '2021-09-01',
          endDate: '2022-08-31',
          contractType: 'fixed_term',
          wholeTermContract: true,
          employedDirectlyBySchool: true,
        },
        {
          urn: 138322,
          startDate: '2022-09-01',
          endDate: undefined,
          contractType: 'permanent',
          wholeTermContract: true,
          employedDirectlyBySchool: true,
        },
      ],
      eligibleSubjectTeachingPercent: 80,
      formalActions: [],
    });
    expect(siobhan?.name).toBe("O'Brien, Siobhán");
    expect(siobhan?.eligibleSubjectTeachingPercent).toBe(62.5);
    expect(siobhan?.employment[0]).toMatchObject({
      contractType: 'supply',
      wholeTermContract: true,
      employedDirectlyBySchool: false,
    });
    expect(siobhan?.formalActions).toEqual([
      { kind: 'performance', startedOn: '2024-01-08', endedOn: '2024-03-29' },
      { kind: 'disciplinary', startedOn: '2025-02-03', endedOn: undefined },
    ]);
    // The API's upper-case code names are read as the domain's; a row without a spell is no spell.
    expect(tomasz?.qualification).toMatchObject({
      route: 'assessment_only',
      ittSubject: 'computing',
      degreeSubjects: ['other'],
    });
    expect(tomasz?.employment).toEqual([]);
  });

  it('maps columns by header name, in any order, optional ones left out, with BOM and CRLF', () => {
    const csv =
      '\uFEFFURN,start_date,contract_type,trn,Name,route,itt_start_date,itt_subject,eligible_subject_teaching_percent\r\n' +
      '136470,2021-09-01,permanent,1000001,Ada Okafor,postgraduate_itt,2020-08-24,mathematics,80\r\n\r\n';
    const [teacher] = teachersFromCsv(csv);
    expect(teacher?.record).toMatchObject({
      trn: '1000001',
      qualification: { ittStartDate: '2020-08-24', qtsAwardedOn: undefined, degreeSubjects: [] },
      employment: [{ urn: 136470, startDate: '2021-09-01', contractType: 'permanent' }],
      formalActions: [],
    });
  });

  it('reports every problem with its line and column, blank lines counted', () => {
    const csv = [
      HEADER,
      '1000001,Ada Okafor,postgraduate_itt,2020-08-24,,,mathematics,mathematics;biology,80,,136470,2021-09-01,2022-02-30,fixed_term,,',
      '1000001,Ada Okafor-Reid,postgraduate_itt,2020-08-24,,,mathematics,mathematics;biology,80,,13647,2022-09-01,,permanent,,',
      '',
      '1000002,Ben Hale,undergraduate_itt,,,,physics,,eighty,probation:2024-01-08;performance,136470,2023-01-09,,agency,maybe,',
      '1000003,Cat Imrie,postgraduate_itt,,,,physics,,50,,136470,2023-01-09,,permanent,,,extra',
      '123456,,assessment_only,,,,other,,101,,136470,,,permanent,,',
      ',No Trn,assessment_only,,,,other,,0,,136470,2023-01-09,,permanent,,',
    ].join('\n');
    expect(problemsOf(csv)).toEqual([
      {
        line: 2,
        column: 'degree_subjects[1]',
        message: 'is not a known subject code: "biology"',
      },
      {
        line: 2,
        column: 'end_date',
        message: 'must be a real date as YYYY-MM-DD, got "2022-02-30"',
      },
      {
        line: 3,
        column: 'name',
        message:
          '"Ada Okafor-Reid" differs from "Ada Okafor" on line 2; a teacher\'s own columns must repeat on each of their rows',
      },
      { line: 3, column: 'urn', message: 'must be a 6-digit URN, got "13647"' },
      {
        line: 5,
        column: 'whole_term_contract',
        message: 'must be true, false or empty, got "maybe"',
      },
      {
        line: 5,
        column: 'eligible_subject_teaching_percent',
        message: 'must be a number from 0 to 100 with at most 2 decimal places, got "eighty"',
      },
      {
        line: 5,
        column: 'formal_actions[1]',
        message: 'must be kind:startedOn or kind:startedOn:endedOn, got "performance"',
      },
      {
        line: 5,
        column: 'contract_type',
        message: 'must be one of permanent, fixed_term, supply',
      },
      {
        line: 5,
        column: 'formal_actions[0].kind',
        message: 'must be one of performance, disciplinary',
      },
      { line: 6, message: 'expected 16 cells as in the header, got 17' },
      { line: 7, column: 'start_date', message: 'is required for an employment spell' },
      { line: 7, column: 'trn', message: 'must be 7 digits, got "123456"' },
      { line: 7, column: 'name', message: 'must not be empty' },
      {
        line: 7,
        column: 'eligible_subject_teaching_percent',
        message: 'must be between 0 and 100, got 101',
      },
      { line: 8, column: 'trn', message: 'is required' },
    ]);
  });

  it("refuses a teacher's spell-less row beside rows with spells", () => {
    const csv = [
      HEADER,
      '1000003,Tomasz Nowak,assessment_only,,,,computing,,100,,,,,,,',
      '1000003,Tomasz Nowak,assessment_only,,,,computing,,100,,136470,2023-01-09,,permanent,,',
    ].join('\n');
    expect(problemsOf(csv)).toEqual([
      { line: 2, message: 'teacher 1000003 has other rows, so this one needs a spell' },
    ]);
  });

  it('refuses the whole file as one BAD_USER_INPUT listing every problem', () => {
    const csv = [
      HEADER,
      '1000001,Ada Okafor,postgraduate_itt,,,,mathematics,,80,,136470,2021-09-01,,permanent,,',
      '1000002,Ben Hale,postgraduate_itt,2020-09-01,,,physics,,80,,136470,2021-09-01,,permanent,,',
    ].join('\n');
    const error = (() => {
      try {
        teachersFromCsv(csv);
      } catch (caught) {
        return caught as GraphQLError;
      }
      throw new Error('expected the file to be refused');
    })();
    expect(error.message).toBe('1 problem(s) in the teacher file; nothing was imported');
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        {
          path: 'line 2, itt_start_date',
          message: 'is required for a postgraduate ITT route',
        },
      ],
    });
  });

  it('stops at a wrong header, naming each wrong column', () => {
    expect(() => teachersFromCsv('trn,name,route,itt_subjekt\n1000001,A,other,other')).toThrow(
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [
            { path: 'line 1', message: 'unknown column "itt_subjekt"' },
            { path: 'line 1', message: 'missing column "itt_subject"' },
            { path: 'line 1', message: 'missing column "eligible_subject_teaching_percent"' },
            { path: 'line 1', message: 'missing column "urn"' },
            { path: 'line 1', message: 'missing column "start_date"' },
            { path: 'line 1', message: 'missing column "contract_type"' },
          ],
        },
      }),
    );
  });

  it('refuses a file with no teachers', () => {
    expect(problemsOf(HEADER)).toEqual([{ line: 1, message: 'the file holds no teachers' }]);
  });
});
