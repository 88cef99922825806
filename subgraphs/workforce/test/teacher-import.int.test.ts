import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importTeachers, workforceSubgraph } from '../src/index';
import { aTeacherInput, DFE, ok, startWorkforce, type TestWorkforce, UPSERT } from './support';

const FIXTURE = fileURLToPath(new URL('./fixtures/teachers-small.csv', import.meta.url));
const fixtureCsv = readFileSync(FIXTURE, 'utf8');

const TEACHER = `query ($trn: String!) {
  teacher(trn: $trn) {
    trn name eligibleSubjectTeachingPercent
    qualification { route ittStartDate ittCompletionDate qtsAwardedOn ittSubject degreeSubjects ittAcademicYear }
    employment { urn startDate endDate contractType wholeTermContract employedDirectlyBySchool }
    formalActions { kind startedOn endedOn }
  }
}`;

let wf: TestWorkforce;
let dir: string;
beforeAll(async () => {
  wf = await startWorkforce('workforce_teacher_import', { WORKFORCE_TODAY: '2026-12-03' });
  dir = mkdtempSync(join(tmpdir(), 'teacher-import-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await wf?.close();
});

function writeCsv(name: string, csv: string): string {
  const path = join(dir, name);
  writeFileSync(path, csv);
  return path;
}

/** Every row the import could touch, ids included, so "changes nothing" means exactly that. */
async function storedRows(): Promise<unknown[]> {
  const connection = wf.orm.em.getConnection();
  return [
    await connection.execute('select * from workforce.teacher order by trn'),
    await connection.execute('select * from workforce.employment_spell order by id'),
    await connection.execute('select * from workforce.formal_action order by id'),
  ];
}

async function teacher(trn: string) {
  return ok(await wf.run<{ teacher: Record<string, unknown> | null }>(DFE, TEACHER, { trn }))
    .teacher;
}

describe('pnpm import teachers', () => {
  it('imports the fixture, whose records read back through the API', async () => {
    expect(await importTeachers(wf.orm, FIXTURE)).toEqual({
      rowsRead: 4,
      teachersRead: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(await teacher('1000001')).toEqual({
      trn: '1000001',
      name: 'Ada Okafor',
      eligibleSubjectTeachingPercent: 80,
      qualification: {
        route: 'POSTGRADUATE_ITT',
        ittStartDate: '2020-08-24',
        ittCompletionDate: null,
        qtsAwardedOn: '2021-07-16',
        ittSubject: 'MATHEMATICS',
        degreeSubjects: ['MATHEMATICS', 'PHYSICS'],
        // The August quirk: a postgraduate start on 24 August is the next year's cohort.
        ittAcademicYear: '2020/21',
      },
      employment: [
        {
          urn: 136470,
          startDate: '2021-09-01',
          endDate: '2022-08-31',
          contractType: 'FIXED_TERM',
          wholeTermContract: true,
          employedDirectlyBySchool: true,
        },
        {
          urn: 138322,
          startDate: '2022-09-01',
          endDate: null,
          contractType: 'PERMANENT',
          wholeTermContract: true,
          employedDirectlyBySchool: true,
        },
      ],
      formalActions: [],
    });
    expect(await teacher('1000002')).toMatchObject({
      name: "O'Brien, Siobhán",
      eligibleSubjectTeachingPercent: 62.5,
      qualification: { route: 'UNDERGRADUATE_ITT', ittCompletionDate: '2019-06-28' },
      employment: [{ contractType: 'SUPPLY', employedDirectlyBySchool: false }],
      formalActions: [
        { kind: 'PERFORMANCE', startedOn: '2024-01-08', endedOn: '2024-03-29' },
        { kind: 'DISCIPLINARY', startedOn: '2025-02-03', endedOn: null },
      ],
    });
    expect(await teacher('1000003')).toMatchObject({
      qualification: { route: 'ASSESSMENT_ONLY', qtsAwardedOn: null, degreeSubjects: ['OTHER'] },
      employment: [],
    });
  });

  it('changes nothing when the same file, with a BOM and CRLF this time, is imported again', async () => {
    const before = await storedRows();
    const again = writeCsv('again.csv', `\uFEFF${fixtureCsv.replace(/\n/g, '\r\n')}`);
    expect(await importTeachers(wf.orm, again)).toEqual({
      rowsRead: 4,
      teachersRead: 3,
      inserted: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await storedRows()).toEqual(before);
  });

  it('rewrites only the teachers whose records changed, replacing them whole', async () => {
    const changed = writeCsv(
      'changed.csv',
      fixtureCsv
        .split('\n')
        .filter((line) => !line.includes(',138322,'))
        .join('\n'),
    );
    expect(await importTeachers(wf.orm, changed)).toMatchObject({
      inserted: 0,
      updated: 1,
      unchanged: 2,
    });
    expect(await teacher('1000001')).toMatchObject({ employment: [{ urn: 136470 }] });
    await importTeachers(wf.orm, FIXTURE);
  });

  it('reads the records upsertTeachers wrote as the same, so the two paths agree', async () => {
    ok(
      await wf.run(DFE, UPSERT, {
        input: [
          aTeacherInput('1000004', 136470, {
            name: 'Dee Park',
            employment: [
              {
                urn: 136470,
                startDate: '2021-09-01',
                contractType: 'SUPPLY',
                wholeTermContract: false,
              },
            ],
            eligibleSubjectTeachingPercent: 33.33,
            formalActions: [{ kind: 'DISCIPLINARY', startedOn: '2024-05-01' }],
          }),
        ],
      }),
    );
    const sameAsApi = writeCsv(
      'same-as-api.csv',
      [
        fixtureCsv.split('\n')[0],
        '1000004,Dee Park,postgraduate_itt,2020-09-07,,2021-07-16,mathematics,mathematics,33.33,disciplinary:2024-05-01,136470,2021-09-01,,supply,false,',
      ].join('\n'),
    );
    expect(await importTeachers(wf.orm, sameAsApi)).toMatchObject({ unchanged: 1, updated: 0 });
  });

  it('refuses a file with a bad row whole, listing every problem, and writes nothing', async () => {
    const before = await storedRows();
    const bad = writeCsv(
      'bad.csv',
      [
        ...fixtureCsv.trimEnd().split('\n'),
        // A good new teacher, which must not be written either.
        '1000005,Eve Stone,assessment_only,,,2022-07-01,physics,,90,,136470,2022-09-01,,permanent,,',
        '1000006,Finn Lowe,postgraduate_itt,,,,physics,,90,,136470,2022-09-31,,permanent,,',
        '1000001,Ada Okafor,postgraduate_itt,2020-08-24,,2021-07-16,mathematics,mathematics;physics,75,,136470,2023-09-01,,permanent,,',
      ].join('\n'),
    );
    const refused = await importTeachers(wf.orm, bad).catch((error: unknown) => error);
    expect(refused).toMatchObject({
      message: '3 problem(s) in the teacher file; nothing was imported',
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { path: 'line 7, itt_start_date', message: 'is required for a postgraduate ITT route' },
          {
            path: 'line 7, start_date',
            message: 'must be a real date as YYYY-MM-DD, got "2022-09-31"',
          },
          {
            path: 'line 8, eligible_subject_teaching_percent',
            message:
              '"75" differs from "80" on line 2; a teacher\'s own columns must repeat on each of their rows',
          },
        ],
      },
    });
    expect(await storedRows()).toEqual(before);
    expect(await teacher('1000005')).toBeNull();
  });

  it('runs as the registered importer, printing the report or every problem', async () => {
    const importer = workforceSubgraph.importers?.teachers;
    expect(importer?.usage).toContain('one row per employment spell');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await importer?.run(wf.orm, [FIXTURE]);
      expect(JSON.parse(String(log.mock.calls[0]?.[0]))).toMatchObject({
        teachersRead: 3,
        unchanged: 3,
      });
    } finally {
      log.mockRestore();
    }
    const bad = writeCsv(
      'one-bad.csv',
      `${fixtureCsv.split('\n')[0]}\n1000007,Gil Marr,other_route,,,,physics,,90,,136470,2022-09-01,,permanent,,`,
    );
    await expect(importer?.run(wf.orm, [bad])).rejects.toThrow(
      '1 problem(s) in the teacher file; nothing was imported\n' +
        '  line 2, route: must be one of postgraduate_itt, undergraduate_itt, assessment_only, overseas_recognition',
    );
  });
});
