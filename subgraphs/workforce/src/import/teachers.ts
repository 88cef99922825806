import type { EntityManager, MikroORM } from '@estate/subgraph-kit';
import { readFile } from 'node:fs/promises';
import { assertValidTeachers, type Teacher } from '../domain/teacher';
import { loadTeachers } from '../modules/teacher/teacher.loader';
import { writeTeachers } from '../modules/teacher/teacher.service';
import { teachersFromCsv } from './teacher-csv';

export interface TeachersImportReport {
  /** Data rows in the file: one per employment spell. */
  rowsRead: number;
  teachersRead: number;
  inserted: number;
  updated: number;
  /** Teachers whose stored record already matched the file; they are not rewritten. */
  unchanged: number;
}

/**
 * `pnpm import teachers`: the teacher CSV (layout in `teacher-csv.ts`) through the same checks and
 * writes as `upsertTeachers`, in one transaction. A file with any problem is refused whole
 * (BAD_USER_INPUT listing every problem with its line) and nothing is written.
 */
export async function importTeachers(orm: MikroORM, path: string): Promise<TeachersImportReport> {
  const csv = await readFile(path, 'utf8');
  const teachers = teachersFromCsv(csv);
  const rowsRead = teachers.reduce((rows, teacher) => rows + teacher.lines.length, 0);
  const written = await orm.em.fork().transactional((tx) =>
    upsertChangedTeachers(
      tx,
      teachers.map((teacher) => teacher.record),
    ),
  );
  return { rowsRead, teachersRead: teachers.length, ...written };
}

/**
 * `upsertTeachers`' validation and write, skipping teachers whose stored record is already the
 * same, so that importing a file again rewrites nothing and the report says so.
 */
export async function upsertChangedTeachers(
  em: EntityManager,
  records: readonly Teacher[],
): Promise<Omit<TeachersImportReport, 'rowsRead' | 'teachersRead'>> {
  assertValidTeachers(records);
  const stored = new Map(
    (
      await loadTeachers(
        em,
        records.map((record) => record.trn),
      )
    ).map((teacher) => [teacher.trn, comparable(teacher)]),
  );
  const changed = records.filter((record) => stored.get(record.trn) !== comparable(record));
  const { created, updated } = await writeTeachers(em, changed);
  return { inserted: created, updated, unchanged: records.length - changed.length };
}

/**
 * A teacher as the store keeps it: the name trimmed, absent dates as null, and spells and actions
 * in a fixed order, because the store does not keep the order they were sent in.
 */
function comparable(teacher: Teacher): string {
  const byJson = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const q = teacher.qualification;
  return JSON.stringify({
    trn: teacher.trn,
    name: teacher.name.trim(),
    route: q.route,
    ittStartDate: q.ittStartDate ?? null,
    ittCompletionDate: q.ittCompletionDate ?? null,
    qtsAwardedOn: q.qtsAwardedOn ?? null,
    ittSubject: q.ittSubject,
    degreeSubjects: q.degreeSubjects,
    // numeric(5,2): the store keeps hundredths.
    eligibleSubjectTeachingPercent: Math.round(teacher.eligibleSubjectTeachingPercent * 100) / 100,
    employment: teacher.employment
      .map((spell) =>
        JSON.stringify([
          spell.urn,
          spell.startDate,
          spell.endDate ?? null,
          spell.contractType,
          spell.wholeTermContract,
          spell.employedDirectlyBySchool,
        ]),
      )
      .sort(byJson),
    formalActions: teacher.formalActions
      .map((action) => JSON.stringify([action.kind, action.startedOn, action.endedOn ?? null]))
      .sort(byJson),
  });
}
