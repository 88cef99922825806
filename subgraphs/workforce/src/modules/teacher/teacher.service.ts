import {
  type IsoDate,
  badUserInput,
  type EntityManager,
  forbidden,
  Role,
  type Viewer,
} from '@estate/subgraph-kit';
import type DataLoader from 'dataloader';
import { assertCanManagePremiumData, canReadTeacher } from '../../authorization';
import { isTrn, type Trn } from '../../domain/identifiers';
import { assertValidTeachers, type Teacher as TeacherRecord } from '../../domain/teacher';
import { EmploymentSpellEntity, FormalActionEntity } from './teacher.entity';
import { type TeacherInput, teacherRecordFrom } from './teacher.input';
import { Teacher } from './teacher.type';

export interface UpsertTeachersResult {
  created: number;
  updated: number;
}

/**
 * Writes whole teacher records in the caller's transaction: each teacher row is inserted or
 * updated, and their spells and actions replaced, so sending the same records again changes nothing.
 */
export async function writeTeachers(
  em: EntityManager,
  records: readonly TeacherRecord[],
): Promise<UpsertTeachersResult> {
  if (records.length === 0) return { created: 0, updated: 0 };
  let created = 0;
  for (const record of records) {
    const q = record.qualification;
    const [row] = await em.execute<{ inserted: boolean }[]>(
      `insert into workforce.teacher (trn, name, route, itt_start_date, itt_completion_date,
         qts_awarded_on, itt_subject, degree_subjects, eligible_subject_teaching_percent)
       values (?, ?, ?, ?, ?, ?, ?, string_to_array(?, ','), ?)
       on conflict (trn) do update set name = excluded.name, route = excluded.route,
         itt_start_date = excluded.itt_start_date, itt_completion_date = excluded.itt_completion_date,
         qts_awarded_on = excluded.qts_awarded_on, itt_subject = excluded.itt_subject,
         degree_subjects = excluded.degree_subjects,
         eligible_subject_teaching_percent = excluded.eligible_subject_teaching_percent
       returning (xmax = 0) as inserted`,
      [
        record.trn,
        record.name.trim(),
        q.route,
        q.ittStartDate ?? null,
        q.ittCompletionDate ?? null,
        q.qtsAwardedOn ?? null,
        q.ittSubject,
        q.degreeSubjects.join(','),
        record.eligibleSubjectTeachingPercent,
      ],
    );
    if (row?.inserted) created += 1;
  }
  const trns = records.map((record) => record.trn);
  await em.execute('delete from workforce.employment_spell where trn in (?)', [trns]);
  await em.execute('delete from workforce.formal_action where trn in (?)', [trns]);
  const spells = records.flatMap((record) =>
    record.employment.map((spell) => ({
      trn: record.trn,
      urn: spell.urn,
      startDate: spell.startDate,
      endDate: spell.endDate ?? null,
      contractType: spell.contractType,
      wholeTermContract: spell.wholeTermContract,
      employedDirectlyBySchool: spell.employedDirectlyBySchool,
    })),
  );
  const actions = records.flatMap((record) =>
    record.formalActions.map((action) => ({
      trn: record.trn,
      kind: action.kind,
      startedOn: action.startedOn,
      endedOn: action.endedOn ?? null,
    })),
  );
  if (spells.length > 0) await em.insertMany(EmploymentSpellEntity, spells);
  if (actions.length > 0) await em.insertMany(FormalActionEntity, actions);
  return { created, updated: records.length - created };
}

export class TeacherService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly records: DataLoader<Trn, TeacherRecord | null>,
    private readonly today: () => IsoDate,
  ) {}

  /**
   * A teacher the viewer may see. Unknown and out of scope give the same FORBIDDEN, so the answer
   * never says whether a TRN exists; only DfE, who may see everyone, is told it does not.
   */
  async get(trn: string): Promise<Teacher | null> {
    const record = isTrn(trn) ? await this.records.load(trn) : null;
    if (
      !record ||
      !canReadTeacher(
        this.viewer,
        record.trn,
        record.employment.map((spell) => spell.urn),
        this.today(),
      )
    ) {
      if (this.viewer.role === Role.DfE) return null;
      throw forbidden();
    }
    return Teacher.from(record);
  }

  async upsert(input: readonly TeacherInput[]): Promise<UpsertTeachersResult> {
    assertCanManagePremiumData(this.viewer);
    if (input.length === 0) throw badUserInput('input must hold at least one teacher');
    const records = input.map(teacherRecordFrom);
    assertValidTeachers(records);
    return this.em.transactional((tx) => writeTeachers(tx, records));
  }
}
