import { type EntityManager, type IsoDate, oneByKey } from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import type { ContractType, EmploymentSpell } from '../../domain/employment';
import type { FormalAction, FormalActionKind } from '../../domain/formal-action';
import type { Trn, Urn } from '../../domain/identifiers';
import type { QualificationRoute } from '../../domain/qualification';
import type { SubjectCode } from '../../domain/subjects';
import type { Teacher } from '../../domain/teacher';

interface TeacherRow {
  trn: string;
  name: string;
  route: string;
  itt_start_date: string | null;
  itt_completion_date: string | null;
  qts_awarded_on: string | null;
  itt_subject: string;
  degree_subjects: string[];
  eligible_subject_teaching_percent: string | number;
  employment: SpellRow[];
  formal_actions: ActionRow[];
}

interface SpellRow {
  urn: number;
  start_date: string;
  end_date: string | null;
  contract_type: string;
  whole_term_contract: boolean;
  employed_directly_by_school: boolean;
}

interface ActionRow {
  kind: string;
  started_on: string;
  ended_on: string | null;
}

const optional = (value: string | null): string | undefined => value ?? undefined;

function toSpell(row: SpellRow): EmploymentSpell {
  return {
    urn: row.urn,
    startDate: row.start_date,
    ...(row.end_date ? { endDate: row.end_date } : {}),
    contractType: row.contract_type as ContractType,
    wholeTermContract: row.whole_term_contract,
    employedDirectlyBySchool: row.employed_directly_by_school,
  };
}

function toAction(row: ActionRow): FormalAction {
  return {
    kind: row.kind as FormalActionKind,
    startedOn: row.started_on,
    ...(row.ended_on ? { endedOn: row.ended_on } : {}),
  };
}

/**
 * Whole teacher records for a set of TRNs in one statement, however many there are: spells and
 * actions come aggregated beside their teacher. Dates are cast to text so that they reach the
 * domain as ISO strings, never as time-zone-shifted Dates.
 */
export async function loadTeachers(em: EntityManager, trns: readonly Trn[]): Promise<Teacher[]> {
  if (trns.length === 0) return [];
  const teachers = await em.execute<TeacherRow[]>(
    `select t.trn, t.name, t.route, t.itt_start_date::text, t.itt_completion_date::text,
            t.qts_awarded_on::text, t.itt_subject, t.degree_subjects,
            t.eligible_subject_teaching_percent,
            coalesce((select json_agg(json_build_object('urn', e.urn,
                        'start_date', e.start_date::text, 'end_date', e.end_date::text,
                        'contract_type', e.contract_type,
                        'whole_term_contract', e.whole_term_contract,
                        'employed_directly_by_school', e.employed_directly_by_school)
                      order by e.start_date, e.urn)
                      from workforce.employment_spell e where e.trn = t.trn), '[]') as employment,
            coalesce((select json_agg(json_build_object('kind', a.kind,
                        'started_on', a.started_on::text, 'ended_on', a.ended_on::text)
                      order by a.started_on)
                      from workforce.formal_action a where a.trn = t.trn), '[]') as formal_actions
       from workforce.teacher t where t.trn in (?) order by t.trn`,
    [[...new Set(trns)]],
  );
  return teachers.map((row) => ({
    trn: row.trn,
    name: row.name,
    qualification: {
      route: row.route as QualificationRoute,
      ittStartDate: optional(row.itt_start_date),
      ittCompletionDate: optional(row.itt_completion_date),
      qtsAwardedOn: optional(row.qts_awarded_on),
      ittSubject: row.itt_subject as SubjectCode,
      degreeSubjects: row.degree_subjects as SubjectCode[],
    },
    employment: row.employment.map(toSpell),
    eligibleSubjectTeachingPercent: Number(row.eligible_subject_teaching_percent),
    formalActions: row.formal_actions.map(toAction),
  }));
}

export function createTeacherLoader(em: EntityManager): DataLoader<Trn, Teacher | null> {
  return new DataLoader(async (trns) =>
    oneByKey(trns, await loadTeachers(em, trns), (teacher) => teacher.trn),
  );
}

/** Which teachers have an employment spell at each school that is current on a date: one statement. */
export async function staffTrnsOn(
  em: EntityManager,
  urns: readonly Urn[],
  on: IsoDate,
): Promise<{ urn: Urn; trn: Trn }[]> {
  if (urns.length === 0) return [];
  return em.execute<{ urn: number; trn: string }[]>(
    `select distinct urn, trn from workforce.employment_spell
     where urn in (?) and start_date <= ? and (end_date is null or end_date >= ?)
     order by urn, trn`,
    [[...new Set(urns)], on, on],
  );
}
