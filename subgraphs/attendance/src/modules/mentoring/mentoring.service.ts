import {
  AcademicYear,
  addDays,
  type EntityManager,
  groupBy,
  type InputProblem,
  type IsoDate,
  type Page,
  todayIso,
  toConnection,
  type Viewer,
} from '@estate/subgraph-kit';
import { SUPPRESSION_MARKER, suppressList } from '@estate/subgraph-kit/src/suppression';
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import {
  actorOf,
  assertMayActOnAbsence,
  forbiddenPupilData,
  mayActOnPupilsOf,
  mayReadPupilsOf,
  mayReadPupilsOfLocalAuthority,
  maySeeUnsuppressed,
} from '../../authorization';
import { attendanceMeasures, percentageOf } from '../../domain/attendance-measures';
import {
  MENTORING_PILOT_LAUNCHED_ON,
  type MentoringCaseAttendance as CaseAttendance,
  type MentoringPeriodAttendance as PeriodAttendance,
  defaultPeriodBeforeMentoring,
  periodOfMentoring,
  summariseMentoringCases,
} from '../../domain/mentoring';
import {
  PERSISTENT_ABSENCE_THRESHOLD_PERCENT,
  SEVERE_ABSENCE_THRESHOLD_PERCENT,
} from '../../domain/persistent-absence';
import { NO_SESSIONS, sessionCountsForCode, sumSessionCounts } from '../../domain/session-counts';
import { asJson, runSql } from '../../sql';
import { checkPastDate, checkText, isUuid, nothingWritten, problemPath } from '../../validation';
import { publishSummary } from '../measures/disclosure';
import { EnrolmentEntity } from '../pupil/pupil.entity';
import {
  MentoringCase,
  MentoringCaseAttendance,
  MentoringEligibility,
  MentoringPeriodAttendance,
  MentoringPilotSummary,
} from './mentoring.type';

export const DEFAULT_MENTOR_ORGANISATION = "Barnardo's";

export interface EnrolInMentoring {
  pupilId: string;
  enrolledOn: string;
  mentorName: string;
  mentorOrganisation?: string | null;
}

export interface EndMentoring {
  caseId: string;
  endedOn: string;
  reason?: string | null;
}

export interface YearToDateAbsence {
  possible: number;
  absence: number;
}

interface CaseRow {
  id: string;
  urn: number;
  enrolment_id: string;
  mentor_name: string;
  mentor_organisation: string;
  enrolled_on: string;
  ended_on: string | null;
  end_reason: string | null;
  eligibility_possible: number;
  eligibility_absence: number;
}

const CASE_COLUMNS = `c.id, c.urn, c.enrolment_id, c.mentor_name, c.mentor_organisation,
  to_char(c.enrolled_on, 'YYYY-MM-DD') as enrolled_on, to_char(c.ended_on, 'YYYY-MM-DD') as ended_on,
  c.end_reason, c.eligibility_possible, c.eligibility_absence`;

/** Whole-number comparison, as the measures' SQL and the domain make it, so 10 % is never lost. */
function reaches(ytd: YearToDateAbsence, thresholdPercent: number): boolean {
  return ytd.possible > 0 && ytd.absence * 100 >= thresholdPercent * ytd.possible;
}

export function eligibilityOf(ytd: YearToDateAbsence): MentoringEligibility {
  return Object.assign(new MentoringEligibility(), {
    possibleSessions: ytd.possible,
    overallAbsenceSessions: ytd.absence,
    overallAbsenceRate: percentageOf(ytd.absence, ytd.possible) ?? 0,
    persistentlyAbsent: reaches(ytd, PERSISTENT_ABSENCE_THRESHOLD_PERCENT),
    severelyAbsent: reaches(ytd, SEVERE_ABSENCE_THRESHOLD_PERCENT),
  });
}

function caseOf(row: CaseRow, asOf: IsoDate): MentoringCase {
  return Object.assign(new MentoringCase(), {
    id: row.id,
    urn: row.urn,
    enrolmentId: row.enrolment_id,
    mentorName: row.mentor_name,
    mentorOrganisation: row.mentor_organisation,
    enrolledOn: row.enrolled_on,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    eligibility: eligibilityOf({
      possible: row.eligibility_possible,
      absence: row.eligibility_absence,
    }),
    asOf,
  });
}

function periodOf(period: PeriodAttendance): MentoringPeriodAttendance {
  const { measures } = period;
  return Object.assign(new MentoringPeriodAttendance(), {
    ...period.period,
    possibleSessions: measures.possibleSessions,
    overallAttendanceSessions: measures.overallAttendanceSessions,
    overallAbsenceSessions: measures.overallAbsenceSessions,
    unauthorisedAbsenceSessions: measures.unauthorisedAbsenceSessions,
    attendanceRate: measures.attendanceRate,
    overallAbsenceRate: measures.overallAbsenceRate,
  });
}

/**
 * The 1-2-1 attendance mentoring pilot (domain.md §2.6). Eligibility is the year-to-date measure
 * from the per-enrolment day counts, as persistent absence is computed everywhere else; each case's
 * attendance before and after enrolment is the domain's `MentoringCaseAttendance`, with sessions
 * counted by code in SQL so that a pilot of hundreds of cases is two statements, not its marks.
 */
export class MentoringService {
  private readonly attendanceLoader: DataLoader<MentoringCase, CaseAttendance, string>;
  private readonly casesLoader: DataLoader<{ urns: number[]; asOf: IsoDate }, CaseRow[], string>;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly today: IsoDate = todayIso(),
  ) {
    this.attendanceLoader = new DataLoader((cases) => this.loadAttendance(cases), {
      cacheKeyFn: (c) => `${c.id}|${c.asOf}`,
    });
    this.casesLoader = new DataLoader((keys) => this.loadCases(keys), {
      cacheKeyFn: (key) => JSON.stringify(key),
    });
  }

  /**
   * Year-to-date headline possible sessions and absence before `on`: from the start of its
   * academic year to the day before, the registers the decision to enrol was made on. One
   * statement however many enrolments.
   */
  async yearToDate(
    keys: readonly { enrolmentId: string; urn: number; on: IsoDate }[],
  ): Promise<YearToDateAbsence[]> {
    if (keys.length === 0) return [];
    const rows = await runSql<{ i: number; possible: number; absence: number }>(
      this.em,
      `select k.i, coalesce(sum(d.possible), 0)::int as possible, coalesce(sum(d.absence), 0)::int as absence
       from json_to_recordset(?::json) as k(i int, urn int, enrolment_id uuid, from_d date, to_d date)
       left join attendance.enrolment_day d on d.urn = k.urn and d.enrolment_id = k.enrolment_id
         and d.date between k.from_d and k.to_d
       group by k.i`,
      [
        asJson(
          keys.map((key, i) => ({
            i,
            urn: key.urn,
            enrolment_id: key.enrolmentId,
            from_d: AcademicYear.containing(key.on).firstDay,
            to_d: addDays(key.on, -1),
          })),
        ),
      ],
    );
    const byIndex = new Map(rows.map((row) => [row.i, row]));
    return keys.map((_, i) => ({
      possible: byIndex.get(i)?.possible ?? 0,
      absence: byIndex.get(i)?.absence ?? 0,
    }));
  }

  /**
   * Enrols pupils, all or none: each must be persistently or severely absent for the year to date
   * on the enrolment date and have no open case. An LA enrols pupils of schools in its area.
   */
  async enrol(inputs: readonly EnrolInMentoring[], path = 'input'): Promise<MentoringCase[]> {
    assertMayActOnAbsence(this.viewer);
    return this.em.transactional(async (em) => {
      const ids = inputs.map((input) => input.pupilId);
      const valid = ids.filter((id) => isUuid(id));
      const enrolments = valid.length ? await em.find(EnrolmentEntity, { id: { $in: valid } }) : [];
      const byId = new Map(enrolments.map((e) => [e.id, e]));
      for (const id of ids) {
        const enrolment = byId.get(id);
        if (!enrolment || !mayActOnPupilsOf(this.viewer, enrolment.urn, this.today)) {
          throw forbiddenPupilData();
        }
      }
      const problems: InputProblem[] = [];
      const at = problemPath(path, inputs.length === 1 && path === 'input');
      const dated: number[] = [];
      inputs.forEach((input, i) => {
        checkText(input.mentorName, at(i, 'mentorName'), problems, true);
        checkText(input.mentorOrganisation, at(i, 'mentorOrganisation'), problems, false);
        if (!checkPastDate(input.enrolledOn, at(i, 'enrolledOn'), this.today, problems)) return;
        const enrolment = byId.get(input.pupilId)!;
        if (input.enrolledOn < MENTORING_PILOT_LAUNCHED_ON) {
          problems.push({
            path: at(i, 'enrolledOn'),
            message: `the pilot began on ${MENTORING_PILOT_LAUNCHED_ON}`,
          });
        } else if (
          input.enrolledOn < enrolment.admittedOn ||
          (enrolment.leftOn !== null && input.enrolledOn > enrolment.leftOn)
        ) {
          problems.push({
            path: at(i, 'enrolledOn'),
            message: `the pupil was not on roll at the school on ${input.enrolledOn}`,
          });
        } else {
          dated.push(i);
        }
        if (ids.indexOf(input.pupilId) !== i) {
          problems.push({ path: at(i, 'pupilId'), message: 'the same pupil twice in one request' });
        }
      });
      const ytd = await this.withEm(em).yearToDate(
        dated.map((i) => ({
          enrolmentId: inputs[i]!.pupilId,
          urn: byId.get(inputs[i]!.pupilId)!.urn,
          on: inputs[i]!.enrolledOn,
        })),
      );
      const eligibility = new Map<number, MentoringEligibility>();
      dated.forEach((i, n) => {
        const figures = eligibilityOf(ytd[n]!);
        eligibility.set(i, figures);
        if (!figures.persistentlyAbsent) {
          problems.push({
            path: at(i, 'pupilId'),
            message: `not persistently or severely absent for the year to date on ${inputs[i]!.enrolledOn}: ${figures.overallAbsenceSessions} of ${figures.possibleSessions} possible sessions missed`,
          });
        }
      });
      const open = new Set(
        (
          await runSql<{ enrolment_id: string }>(
            em,
            `select enrolment_id from attendance.mentoring_case
             where ended_on is null and enrolment_id in (select value::uuid from json_array_elements_text(?::json))`,
            [JSON.stringify(valid)],
          )
        ).map((row) => row.enrolment_id),
      );
      inputs.forEach((input, i) => {
        if (open.has(input.pupilId)) {
          problems.push({
            path: at(i, 'pupilId'),
            message: 'the pupil already has an open mentoring case; end it first',
          });
        }
      });
      if (problems.length > 0) throw nothingWritten('No pupil was enrolled', problems);

      const rows = inputs.map((input, i) => {
        const figures = eligibility.get(i)!;
        return {
          id: randomUUID(),
          urn: byId.get(input.pupilId)!.urn,
          enrolment_id: input.pupilId,
          mentor_name: input.mentorName.trim(),
          mentor_organisation: input.mentorOrganisation?.trim() || DEFAULT_MENTOR_ORGANISATION,
          enrolled_on: input.enrolledOn,
          eligibility_possible: figures.possibleSessions,
          eligibility_absence: figures.overallAbsenceSessions,
          recorded_by: actorOf(this.viewer),
        };
      });
      // The partial unique index refuses a concurrent second open case.
      const inserted = await runSql<CaseRow>(
        em,
        `insert into attendance.mentoring_case as c (id, urn, enrolment_id, mentor_name, mentor_organisation,
           enrolled_on, eligibility_possible, eligibility_absence, recorded_by)
         select id, urn, enrolment_id, mentor_name, mentor_organisation, enrolled_on,
           eligibility_possible, eligibility_absence, recorded_by
         from json_to_recordset(?::json) as r(id uuid, urn int, enrolment_id uuid, mentor_name text,
           mentor_organisation text, enrolled_on date, eligibility_possible int,
           eligibility_absence int, recorded_by text)
         returning ${CASE_COLUMNS}`,
        [asJson(rows)],
      ).catch((error: { code?: string }) => {
        if (error.code !== '23505') throw error;
        throw nothingWritten('No pupil was enrolled', [
          { path, message: 'a pupil was enrolled by another request at the same time' },
        ]);
      });
      const order = new Map<string, number>(rows.map((row, i) => [row.id, i]));
      return inserted
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
        .map((row) => caseOf(row, this.today));
    });
  }

  /** Ends open cases, all or none. */
  async end(inputs: readonly EndMentoring[], path = 'input'): Promise<MentoringCase[]> {
    assertMayActOnAbsence(this.viewer);
    return this.em.transactional(async (em) => {
      const ids = inputs.map((input) => input.caseId).filter((id) => isUuid(id));
      const found = ids.length
        ? await runSql<CaseRow>(
            em,
            `select ${CASE_COLUMNS} from attendance.mentoring_case c
             where c.id in (select value::uuid from json_array_elements_text(?::json)) for update`,
            [JSON.stringify(ids)],
          )
        : [];
      const byId = new Map(found.map((row) => [row.id, row]));
      for (const input of inputs) {
        const row = byId.get(input.caseId);
        if (!row || !mayActOnPupilsOf(this.viewer, row.urn, this.today)) throw forbiddenPupilData();
      }
      const problems: InputProblem[] = [];
      const at = problemPath(path, inputs.length === 1 && path === 'input');
      inputs.forEach((input, i) => {
        const row = byId.get(input.caseId)!;
        checkText(input.reason, at(i, 'reason'), problems, false);
        if (row.ended_on !== null) {
          problems.push({ path: at(i, 'caseId'), message: `the case ended on ${row.ended_on}` });
        }
        if (!checkPastDate(input.endedOn, at(i, 'endedOn'), this.today, problems)) return;
        if (input.endedOn < row.enrolled_on) {
          problems.push({
            path: at(i, 'endedOn'),
            message: `is before the enrolment on ${row.enrolled_on}`,
          });
        }
      });
      if (problems.length > 0) throw nothingWritten('No case was ended', problems);
      const updated = await runSql<CaseRow>(
        em,
        `update attendance.mentoring_case c set ended_on = r.ended_on, end_reason = r.reason
         from json_to_recordset(?::json) as r(id uuid, ended_on date, reason text)
         where c.id = r.id and c.ended_on is null
         returning ${CASE_COLUMNS}`,
        [
          asJson(
            inputs.map((input) => ({
              id: input.caseId,
              ended_on: input.endedOn,
              reason: input.reason?.trim() || null,
            })),
          ),
        ],
      );
      const byUpdated = new Map(updated.map((row) => [row.id, row]));
      return inputs.map((input) => caseOf(byUpdated.get(input.caseId)!, this.today));
    });
  }

  /** Every case at an LA's schools enrolled up to `asOf`: that LA itself, or DfE. */
  async casesOfLocalAuthority(
    la: { code: string; schoolUrns?: number[] },
    page: Page,
    asOf: IsoDate = this.today,
  ) {
    if (!mayReadPupilsOfLocalAuthority(this.viewer, la.code)) throw forbiddenPupilData();
    const all = await this.casesLoader.load({ urns: la.schoolUrns ?? [], asOf });
    const after = page.afterKey ?? '';
    const rows = all.filter((row) => `${row.enrolled_on}|${row.id}` > after);
    return toConnection(
      rows.slice(0, page.first + 1).map((row) => caseOf(row, asOf)),
      page,
      all.length,
      (c) => `${c.enrolledOn}|${c.id}`,
      (node, cursor) => ({ node, cursor }),
    );
  }

  /** The pilot in an LA's schools: counts and before/after figures, suppressed for others. */
  async pilotSummary(
    la: { code: string; schoolUrns?: number[] },
    asOf: IsoDate = this.today,
  ): Promise<MentoringPilotSummary> {
    const rows = await this.casesLoader.load({ urns: la.schoolUrns ?? [], asOf });
    const cases = rows.map((row) => caseOf(row, asOf));
    const attendance = await Promise.all(cases.map((c) => this.attendanceLoader.load(c)));
    const suppress = !maySeeUnsuppressed(
      this.viewer,
      { kind: 'localAuthority', code: la.code },
      asOf,
    );
    const open = cases.filter((c) => c.endedOn === null || c.endedOn > asOf).length;
    const counts = suppress
      ? suppressList([{ count: open }, { count: cases.length - open }], { count: cases.length })
      : null;
    const schools = new Set(cases.map((c) => c.urn)).size;
    const side = (which: 'before' | 'after', label: string) => {
      const periods = attendance.map((a) => a[which].period);
      return publishSummary(
        {
          period: label,
          from: periods.map((p) => p.from).sort()[0] ?? asOf,
          to:
            periods
              .map((p) => p.to)
              .sort()
              .at(-1) ?? asOf,
          schools,
          counts: attendance.length
            ? sumSessionCounts(attendance.map((a) => a[which].counts))
            : NO_SESSIONS,
          persistence: null,
        },
        { suppress, multiSchool: true },
      );
    };
    const before = side('before', 'the 12 months before each enrolment');
    const after = side('after', 'from each enrolment to its end or the date asked');
    const summary = summariseMentoringCases(attendance);
    const change =
      before.attendanceRate === null || after.attendanceRate === null
        ? null
        : summary.attendanceRateChangePoints;
    return Object.assign(new MentoringPilotSummary(), {
      localAuthorityCode: la.code,
      asOf,
      cases: counts ? counts.total.count : cases.length,
      openCases: counts ? counts.cells[0]!.count : open,
      endedCases: counts ? counts.cells[1]!.count : cases.length - open,
      before,
      after,
      attendanceRateChangePoints: change,
      suppression:
        (counts !== null && [counts.total, ...counts.cells].some((cell) => cell.marker !== null)) ||
        before.suppression !== null ||
        after.suppression !== null
          ? SUPPRESSION_MARKER
          : null,
    });
  }

  /** A case's before and after attendance, re-checking the viewer may see the pupil. */
  async attendance(mentoringCase: MentoringCase): Promise<MentoringCaseAttendance> {
    if (!mayReadPupilsOf(this.viewer, mentoringCase.urn)) throw forbiddenPupilData();
    const result = await this.attendanceLoader.load(mentoringCase);
    return Object.assign(new MentoringCaseAttendance(), {
      before: periodOf(result.before),
      after: periodOf(result.after),
      attendanceRateChangePoints: result.attendanceRateChangePoints,
    });
  }

  private withEm(em: EntityManager): MentoringService {
    return new MentoringService(em, this.viewer, this.today);
  }

  /** Cases at any of the URNs enrolled up to asOf: one statement for every LA asked about. */
  private async loadCases(keys: readonly { urns: number[]; asOf: IsoDate }[]) {
    const rows = await runSql<CaseRow & { k: number }>(
      this.em,
      `select k.k, ${CASE_COLUMNS}
       from json_to_recordset(?::json) as k(k int, urn int, as_of date)
       join attendance.mentoring_case c on c.urn = k.urn and c.enrolled_on <= k.as_of
       order by c.enrolled_on, c.id`,
      [asJson(keys.flatMap((key, k) => key.urns.map((urn) => ({ k, urn, as_of: key.asOf }))))],
    );
    const byKey = groupBy(rows, (row) => row.k);
    return keys.map((_, k) => byKey.get(k) ?? []);
  }

  /**
   * Sessions by code in each case's periods before and after enrolment: one statement for every
   * case asked about, then the domain's measures (ratio of sums) per case.
   */
  private async loadAttendance(cases: readonly MentoringCase[]): Promise<CaseAttendance[]> {
    const periods = cases.map((c) => {
      const mentoringCase = { enrolledOn: c.enrolledOn, endedOn: c.endedOn };
      return {
        before: defaultPeriodBeforeMentoring(mentoringCase),
        after: periodOfMentoring(mentoringCase, c.asOf),
      };
    });
    const rows = await runSql<{ i: number; side: 'before' | 'after'; code: string; n: number }>(
      this.em,
      `with k as (select * from json_to_recordset(?::json)
         as x(i int, urn int, enrolment_id uuid, side text, from_d date, to_d date))
       select k.i, k.side, m.code, count(*)::int as n
       from k join attendance.mark m on m.urn = k.urn and m.enrolment_id = k.enrolment_id
         and m.date between k.from_d and k.to_d
       group by k.i, k.side, m.code`,
      [
        asJson(
          cases.flatMap((c, i) =>
            (['before', 'after'] as const).map((side) => ({
              i,
              urn: c.urn,
              enrolment_id: c.enrolmentId,
              side,
              from_d: periods[i]![side].from,
              to_d: periods[i]![side].to,
            })),
          ),
        ),
      ],
    );
    const bySide = groupBy(rows, (row) => `${row.i}|${row.side}`);
    return cases.map((_, i) => {
      const measured = (side: 'before' | 'after'): PeriodAttendance => {
        const mine = bySide.get(`${i}|${side}`) ?? [];
        const counts = mine.length
          ? sumSessionCounts(mine.map((row) => sessionCountsForCode(row.code, row.n)))
          : NO_SESSIONS;
        return { period: periods[i]![side], counts, measures: attendanceMeasures(counts) };
      };
      const before = measured('before');
      const after = measured('after');
      return {
        before,
        after,
        attendanceRateChangePoints:
          before.measures.attendanceRate === null || after.measures.attendanceRate === null
            ? null
            : after.measures.attendanceRate - before.measures.attendanceRate,
      };
    });
  }
}
