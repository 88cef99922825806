import {
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
import { randomUUID } from 'node:crypto';
import {
  actorOf,
  assertMayActOnAbsence,
  forbiddenPupilData,
  mayActOnPupilsOf,
  mayReadPupilsOf,
  mayReadPupilsOfLocalAuthority,
} from '../../authorization';
import {
  FIRST_NOTICE_AMOUNT_POUNDS,
  FIRST_NOTICE_REDUCED_AMOUNT_POUNDS,
  nextPenaltyAction,
  PAYMENT_DAYS,
  PENALTY_NOTICE_FRAMEWORK_FROM,
  penaltyNoticeAmountDuePounds,
  type PenaltyNoticeRecord,
  REDUCED_PAYMENT_DAYS,
  SECOND_NOTICE_AMOUNT_POUNDS,
} from '../../domain/penalty-notices';
import {
  checkPenaltyNoticeThreshold,
  PENALTY_NOTICE_WINDOW_SCHOOL_WEEKS,
  type PenaltyNoticeThresholdCheck,
} from '../../domain/penalty-threshold';
import { schoolWeeksUpTo } from '../../domain/school-weeks';
import type { Session } from '../../domain/session-counts';
import { asJson, runSql } from '../../sql';
import { checkPastDate, checkText, isUuid, nothingWritten, problemPath } from '../../validation';
import { EnrolmentEntity } from '../pupil/pupil.entity';
import {
  PenaltyNotice,
  PenaltyNoticeKindValue,
  type PenaltyNoticeOrdinalValue,
  type PenaltyNoticeStatusValue,
} from './penalty-notice.type';
import { MET_DATES_OF_K } from '../school/met-dates';

/** Far enough back to find 10 school weeks across any run of holidays (as the candidates list). */
const LOOKBACK_DAYS = 200;

export interface IssuePenaltyNotice {
  pupilId: string;
  parentReference: string;
  kind: PenaltyNoticeKindValue;
  issuedOn: string;
}

export interface RecordPenaltyNoticePayment {
  noticeId: string;
  paidOn: string;
}

export interface WithdrawPenaltyNotice {
  noticeId: string;
  withdrawnOn: string;
  reason: string;
}

interface NoticeRow {
  id: string;
  urn: number;
  enrolment_id: string;
  upn: string;
  parent_reference: string;
  kind: 'noticeToImprove' | 'penaltyNotice';
  ordinal: 'first' | 'second' | null;
  issued_on: string;
  amount_pounds: number | null;
  reduced_amount_pounds: number | null;
  unauthorised_sessions: number;
  window_from: string;
  status: 'issued' | 'paid' | 'prosecuted' | 'withdrawn';
  paid_on: string | null;
  amount_paid_pounds: number | null;
  withdrawn_on: string | null;
  withdrawal_reason: string | null;
}

const NOTICE_COLUMNS = `n.id, n.urn, n.enrolment_id, n.upn, n.parent_reference, n.kind, n.ordinal,
  to_char(n.issued_on, 'YYYY-MM-DD') as issued_on, n.amount_pounds, n.reduced_amount_pounds,
  n.unauthorised_sessions, to_char(n.window_from, 'YYYY-MM-DD') as window_from, n.status,
  to_char(n.paid_on, 'YYYY-MM-DD') as paid_on, n.amount_paid_pounds,
  to_char(n.withdrawn_on, 'YYYY-MM-DD') as withdrawn_on, n.withdrawal_reason`;

function noticeOf(row: NoticeRow): PenaltyNotice {
  const isPenalty = row.kind === 'penaltyNotice';
  return Object.assign(new PenaltyNotice(), {
    id: row.id,
    urn: row.urn,
    enrolmentId: row.enrolment_id,
    parentReference: row.parent_reference,
    kind: row.kind as PenaltyNoticeKindValue,
    ordinal: row.ordinal as PenaltyNoticeOrdinalValue | null,
    issuedOn: row.issued_on,
    amountPounds: row.amount_pounds,
    reducedAmountPounds: row.reduced_amount_pounds,
    payBy: isPenalty ? addDays(row.issued_on, PAYMENT_DAYS) : null,
    reducedPaymentBy:
      row.reduced_amount_pounds !== null ? addDays(row.issued_on, REDUCED_PAYMENT_DAYS) : null,
    status: row.status as PenaltyNoticeStatusValue,
    paidOn: row.paid_on,
    amountPaidPounds: row.amount_paid_pounds,
    withdrawnOn: row.withdrawn_on,
    withdrawalReason: row.withdrawal_reason,
    unauthorisedSessions: row.unauthorised_sessions,
    windowFrom: row.window_from,
    countsTowardsLimit: isPenalty && row.status !== 'withdrawn',
  });
}

function recordOf(row: Pick<NoticeRow, 'kind' | 'issued_on' | 'status'>): PenaltyNoticeRecord {
  return { kind: row.kind, issuedOn: row.issued_on, status: row.status };
}

const pairKey = (upn: string, parent: string) => `${upn}|${parent}`;

/**
 * Notices to improve and penalty notices (domain.md §2.7). What may be issued is the domain's
 * `nextPenaltyAction`, from the child's history with that parent (at any school) and the threshold
 * on the issue date; notices for one parent and child are serialised by an advisory lock, so two
 * concurrent requests cannot both issue a second notice.
 */
export class PenaltyNoticeService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly today: IsoDate = todayIso(),
  ) {}

  /**
   * The threshold check for each (enrolment, date): two statements however many. Only sessions on
   * or before each date count, exactly as `School.penaltyNoticeCandidates` counts them.
   */
  async thresholdChecks(
    keys: readonly { enrolmentId: string; urn: number; asOf: IsoDate }[],
    em: EntityManager = this.em,
  ): Promise<PenaltyNoticeThresholdCheck[]> {
    if (keys.length === 0) return [];
    // One school's dates serve every pupil checked on the same day.
    const schools = [...new Set(keys.map((key) => `${key.urn}|${key.asOf}`))];
    const dateRows = await runSql<{ s: number; date: string }>(
      em,
      `select k.s, to_char(met.date, 'YYYY-MM-DD') as date
       from json_to_recordset(?::json) as k(s int, urn int, from_d date, to_d date)
       ${MET_DATES_OF_K}`,
      [
        asJson(
          schools.map((school, s) => {
            const [urn, asOf] = school.split('|') as [string, IsoDate];
            return { s, urn: Number(urn), from_d: addDays(asOf, -LOOKBACK_DAYS), to_d: asOf };
          }),
        ),
      ],
    );
    const datesBySchool = groupBy(dateRows, (row) => row.s);
    const schoolIndex = new Map(schools.map((school, s) => [school, s]));
    const schoolDates = keys.map((key) =>
      (datesBySchool.get(schoolIndex.get(`${key.urn}|${key.asOf}`)!) ?? []).map((row) => row.date),
    );
    const windows = keys.map((key, k) =>
      schoolWeeksUpTo(schoolDates[k]!, key.asOf, PENALTY_NOTICE_WINDOW_SCHOOL_WEEKS),
    );
    const markRows = await runSql<{ k: number; date: string; session: string; code: string }>(
      em,
      `select k.k, to_char(m.date, 'YYYY-MM-DD') as date, m.session, m.code
       from json_to_recordset(?::json) as k(k int, urn int, enrolment_id uuid, from_d date, to_d date)
       join attendance.mark m on m.urn = k.urn and m.enrolment_id = k.enrolment_id
         and m.date between k.from_d and k.to_d and m.code in ('G', 'N', 'O', 'U')`,
      [
        asJson(
          keys.flatMap((key, k) => {
            const from = windows[k]!.from;
            return from === null
              ? []
              : [{ k, urn: key.urn, enrolment_id: key.enrolmentId, from_d: from, to_d: key.asOf }];
          }),
        ),
      ],
    );
    const marksByKey = groupBy(markRows, (row) => row.k);
    return keys.map((key, k) =>
      checkPenaltyNoticeThreshold(
        (marksByKey.get(k) ?? []).map((row) => ({
          date: row.date,
          session: row.session.trim() as Session,
          code: row.code,
        })),
        schoolDates[k]!,
        key.asOf,
      ),
    );
  }

  /**
   * Issues notices, all or none. A notice to improve only when the framework offers one next; a
   * penalty notice is the first (£160, £80 within 21 days) or second (flat £160) of its 3-year
   * window, never a third. Notices for one parent and child are recorded in date order.
   */
  async issue(inputs: readonly IssuePenaltyNotice[], path = 'notices'): Promise<PenaltyNotice[]> {
    assertMayActOnAbsence(this.viewer);
    return this.em.transactional(async (em) => {
      const enrolments = await this.enrolmentsInScope(
        em,
        inputs.map((input) => input.pupilId),
      );
      const problems: InputProblem[] = [];
      const at = problemPath(path, false);
      const dated: number[] = [];
      inputs.forEach((input, i) => {
        checkText(input.parentReference, at(i, 'parentReference'), problems, true);
        if (!checkPastDate(input.issuedOn, at(i, 'issuedOn'), this.today, problems)) return;
        const enrolment = enrolments.get(input.pupilId)!;
        if (input.issuedOn < PENALTY_NOTICE_FRAMEWORK_FROM) {
          problems.push({
            path: at(i, 'issuedOn'),
            message: `the national framework applies to notices from ${PENALTY_NOTICE_FRAMEWORK_FROM}`,
          });
        } else if (
          input.issuedOn < enrolment.admittedOn ||
          (enrolment.leftOn !== null && input.issuedOn > enrolment.leftOn)
        ) {
          problems.push({
            path: at(i, 'issuedOn'),
            message: `the pupil was not on roll at the school on ${input.issuedOn}`,
          });
        } else {
          dated.push(i);
        }
      });
      const parentOf = (input: IssuePenaltyNotice) => input.parentReference.trim();
      const pairs = [
        ...new Set(
          inputs.map((input) => pairKey(enrolments.get(input.pupilId)!.upn, parentOf(input))),
        ),
      ].sort();
      await runSql(
        em,
        `select pg_advisory_xact_lock(hashtext('attendance.penalty_notice ' || p.value))
         from (select value from json_array_elements_text(?::json) order by value) p`,
        [JSON.stringify(pairs)],
      );
      const existing = await runSql<NoticeRow>(
        em,
        `select ${NOTICE_COLUMNS}
         from json_to_recordset(?::json) as p(upn text, parent_reference text)
         join attendance.penalty_notice n on n.upn = p.upn and n.parent_reference = p.parent_reference
         order by n.issued_on, n.created_at`,
        [
          asJson(
            pairs.map((pair) => {
              const [upn, ...parent] = pair.split('|');
              return { upn, parent_reference: parent.join('|') };
            }),
          ),
        ],
      );
      const history = groupBy(existing, (row) => pairKey(row.upn, row.parent_reference));
      const checks = await this.thresholdChecks(
        dated.map((i) => ({
          enrolmentId: inputs[i]!.pupilId,
          urn: enrolments.get(inputs[i]!.pupilId)!.urn,
          asOf: inputs[i]!.issuedOn,
        })),
        em,
      );
      const checkOf = new Map(dated.map((i, n) => [i, checks[n]!]));
      const accepted = new Map<string, PenaltyNoticeRecord[]>();
      const rowIdOf = new Map<number, string>();
      const rows: (Omit<
        NoticeRow,
        'paid_on' | 'amount_paid_pounds' | 'withdrawn_on' | 'withdrawal_reason'
      > & {
        issued_by: string;
      })[] = [];
      // Earlier dates first, so that a batch may hold a first and then a second notice.
      for (const i of [...dated].sort((a, b) =>
        inputs[a]!.issuedOn.localeCompare(inputs[b]!.issuedOn),
      )) {
        const input = inputs[i]!;
        const enrolment = enrolments.get(input.pupilId)!;
        const key = pairKey(enrolment.upn, parentOf(input));
        const recorded = history.get(key) ?? [];
        const later = recorded.find((row) => row.issued_on > input.issuedOn);
        if (later) {
          problems.push({
            path: at(i, 'issuedOn'),
            message: `a notice to this parent about this child was already recorded on ${later.issued_on}; notices are recorded in date order`,
          });
          continue;
        }
        const check = checkOf.get(i)!;
        const records = [...recorded.map(recordOf), ...(accepted.get(key) ?? [])];
        const next = nextPenaltyAction(records, check.thresholdMet, input.issuedOn);
        let ordinal: 'first' | 'second' | null = null;
        if (input.kind === PenaltyNoticeKindValue.NOTICE_TO_IMPROVE) {
          if (next.action !== 'noticeToImprove') {
            problems.push({
              path: at(i, 'kind'),
              message:
                next.action === 'firstPenaltyNotice'
                  ? 'a notice to improve has already been issued since the last penalty notice; the next step is a first penalty notice'
                  : `no notice to improve: ${next.reason}`,
            });
            continue;
          }
        } else if (next.action === 'noticeToImprove' || next.action === 'firstPenaltyNotice') {
          ordinal = 'first';
        } else if (next.action === 'secondPenaltyNotice') {
          ordinal = 'second';
        } else {
          problems.push({ path: at(i, 'kind'), message: `no penalty notice: ${next.reason}` });
          continue;
        }
        accepted.set(key, [
          ...(accepted.get(key) ?? []),
          { kind: input.kind, issuedOn: input.issuedOn, status: 'issued' },
        ]);
        const id = randomUUID();
        rowIdOf.set(i, id);
        rows.push({
          id,
          urn: enrolment.urn,
          enrolment_id: enrolment.id,
          upn: enrolment.upn,
          parent_reference: parentOf(input),
          kind: input.kind,
          ordinal,
          issued_on: input.issuedOn,
          amount_pounds:
            ordinal === 'first'
              ? FIRST_NOTICE_AMOUNT_POUNDS
              : ordinal === 'second'
                ? SECOND_NOTICE_AMOUNT_POUNDS
                : null,
          reduced_amount_pounds: ordinal === 'first' ? FIRST_NOTICE_REDUCED_AMOUNT_POUNDS : null,
          unauthorised_sessions: check.unauthorisedSessions,
          window_from: check.window.from!,
          status: 'issued',
          issued_by: actorOf(this.viewer),
        });
      }
      if (problems.length > 0) {
        const indexOf = (problem: InputProblem) => Number(/\[(\d+)\]/.exec(problem.path)?.[1]);
        problems.sort((a, b) => indexOf(a) - indexOf(b));
        throw nothingWritten('No notice was issued', problems);
      }
      const inserted = await runSql<NoticeRow>(
        em,
        `insert into attendance.penalty_notice as n (id, urn, enrolment_id, upn, parent_reference, kind,
           ordinal, issued_on, amount_pounds, reduced_amount_pounds, unauthorised_sessions,
           window_from, status, issued_by)
         select id, urn, enrolment_id, upn, parent_reference, kind, ordinal, issued_on, amount_pounds,
           reduced_amount_pounds, unauthorised_sessions, window_from, status, issued_by
         from json_to_recordset(?::json) as r(id uuid, urn int, enrolment_id uuid, upn text,
           parent_reference text, kind text, ordinal text, issued_on date, amount_pounds int,
           reduced_amount_pounds int, unauthorised_sessions int, window_from date, status text,
           issued_by text)
         returning ${NOTICE_COLUMNS}`,
        [asJson(rows)],
      );
      const byId = new Map(inserted.map((row) => [row.id, row]));
      // Answer in the order asked.
      return dated.map((i) => noticeOf(byId.get(rowIdOf.get(i)!)!));
    });
  }

  /**
   * Records payments, all or none: the amount due follows from the days since issue (£80 within
   * 21 days of a first notice, £160 to day 28); after day 28 the route is prosecution instead.
   */
  async recordPayments(
    inputs: readonly RecordPenaltyNoticePayment[],
    path = 'input',
  ): Promise<PenaltyNotice[]> {
    const at = problemPath(path, path === 'input');
    return this.update(
      inputs.map((input) => input.noticeId),
      (row, i, problems) => {
        const input = inputs[i]!;
        if (row.kind !== 'penaltyNotice') {
          problems.push({
            path: at(i, 'noticeId'),
            message: 'a notice to improve carries no fine',
          });
        }
        if (row.status !== 'issued') {
          problems.push({
            path: at(i, 'noticeId'),
            message: `the notice is already ${row.status}`,
          });
        }
        if (!checkPastDate(input.paidOn, at(i, 'paidOn'), this.today, problems)) return null;
        if (input.paidOn < row.issued_on) {
          problems.push({
            path: at(i, 'paidOn'),
            message: `is before the issue on ${row.issued_on}`,
          });
          return null;
        }
        const due = row.ordinal
          ? penaltyNoticeAmountDuePounds(row.ordinal, row.issued_on, input.paidOn)
          : null;
        if (row.ordinal && due === null) {
          problems.push({
            path: at(i, 'paidOn'),
            message: `the ${PAYMENT_DAYS}-day payment period ended on ${addDays(row.issued_on, PAYMENT_DAYS)}; the route now is prosecution`,
          });
        }
        return { status: 'paid', paid_on: input.paidOn, amount_paid_pounds: due };
      },
    );
  }

  /** Withdraws notices, all or none: a withdrawn notice no longer counts towards the limit. */
  async withdraw(
    inputs: readonly WithdrawPenaltyNotice[],
    path = 'input',
  ): Promise<PenaltyNotice[]> {
    const at = problemPath(path, path === 'input');
    return this.update(
      inputs.map((input) => input.noticeId),
      (row, i, problems) => {
        const input = inputs[i]!;
        checkText(input.reason, at(i, 'reason'), problems, true);
        if (row.status !== 'issued') {
          problems.push({
            path: at(i, 'noticeId'),
            message: `the notice is already ${row.status}`,
          });
        }
        if (!checkPastDate(input.withdrawnOn, at(i, 'withdrawnOn'), this.today, problems)) {
          return null;
        }
        if (input.withdrawnOn < row.issued_on) {
          problems.push({
            path: at(i, 'withdrawnOn'),
            message: `is before the issue on ${row.issued_on}`,
          });
        }
        return {
          status: 'withdrawn',
          withdrawn_on: input.withdrawnOn,
          withdrawal_reason: input.reason.trim(),
        };
      },
    );
  }

  /** Notices at an LA's schools issued in a period, oldest first: that LA itself, or DfE. */
  async ofLocalAuthority(
    la: { code: string; schoolUrns?: number[] },
    page: Page,
    period: { from: IsoDate | null; to: IsoDate | null },
  ) {
    if (!mayReadPupilsOfLocalAuthority(this.viewer, la.code)) throw forbiddenPupilData();
    const [afterDate, afterId] = (page.afterKey ?? '|').split('|');
    const where = `n.urn in (select value::int from json_array_elements_text(?::json))
      and n.issued_on between ? and ?`;
    const params = [
      JSON.stringify(la.schoolUrns ?? []),
      period.from ?? PENALTY_NOTICE_FRAMEWORK_FROM,
      period.to ?? this.today,
    ];
    const [rows, counts] = await Promise.all([
      runSql<NoticeRow>(
        this.em,
        `select ${NOTICE_COLUMNS} from attendance.penalty_notice n where ${where}
           and (?::date is null or (n.issued_on, n.id) > (?::date, ?::uuid))
         order by n.issued_on, n.id limit ?`,
        [...params, afterDate || null, afterDate || null, afterId || null, page.first + 1],
      ),
      runSql<{ total: number }>(
        this.em,
        `select count(*)::int as total from attendance.penalty_notice n where ${where}`,
        params,
      ),
    ]);
    return toConnection(
      rows.map(noticeOf),
      page,
      counts[0]?.total ?? 0,
      (notice) => `${notice.issuedOn}|${notice.id}`,
      (node, cursor) => ({ node, cursor }),
    );
  }

  /** A notice's pupil, re-checking the viewer may see them. */
  assertMayRead(notice: PenaltyNotice): void {
    if (!mayReadPupilsOf(this.viewer, notice.urn)) throw forbiddenPupilData();
  }

  private async enrolmentsInScope(em: EntityManager, ids: string[]) {
    const valid = ids.filter(isUuid);
    const enrolments = valid.length ? await em.find(EnrolmentEntity, { id: { $in: valid } }) : [];
    const byId = new Map(enrolments.map((e) => [e.id, e]));
    for (const id of ids) {
      const enrolment = byId.get(id);
      if (!enrolment || !mayActOnPupilsOf(this.viewer, enrolment.urn, this.today)) {
        throw forbiddenPupilData();
      }
    }
    return byId;
  }

  private async update(
    noticeIds: readonly string[],
    change: (row: NoticeRow, i: number, problems: InputProblem[]) => Record<string, unknown> | null,
  ): Promise<PenaltyNotice[]> {
    assertMayActOnAbsence(this.viewer);
    return this.em.transactional(async (em) => {
      const valid = noticeIds.filter(isUuid);
      const found = valid.length
        ? await runSql<NoticeRow>(
            em,
            `select ${NOTICE_COLUMNS} from attendance.penalty_notice n
             where n.id in (select value::uuid from json_array_elements_text(?::json)) for update`,
            [JSON.stringify(valid)],
          )
        : [];
      const byId = new Map(found.map((row) => [row.id, row]));
      for (const id of noticeIds) {
        const row = byId.get(id);
        if (!row || !mayActOnPupilsOf(this.viewer, row.urn, this.today)) throw forbiddenPupilData();
      }
      const problems: InputProblem[] = [];
      const changes = noticeIds.map((id, i) => {
        if (noticeIds.indexOf(id) !== i) {
          problems.push({
            path: `[${i}].noticeId`,
            message: 'the same notice twice in one request',
          });
        }
        return { id, ...change(byId.get(id)!, i, problems) };
      });
      if (problems.length > 0) throw nothingWritten('No notice was changed', problems);
      const updated = await runSql<NoticeRow>(
        em,
        `update attendance.penalty_notice n set status = r.status,
           paid_on = coalesce(r.paid_on, n.paid_on),
           amount_paid_pounds = coalesce(r.amount_paid_pounds, n.amount_paid_pounds),
           withdrawn_on = coalesce(r.withdrawn_on, n.withdrawn_on),
           withdrawal_reason = coalesce(r.withdrawal_reason, n.withdrawal_reason)
         from json_to_recordset(?::json) as r(id uuid, status text, paid_on date,
           amount_paid_pounds int, withdrawn_on date, withdrawal_reason text)
         where n.id = r.id returning ${NOTICE_COLUMNS}`,
        [asJson(changes)],
      );
      const byUpdated = new Map(updated.map((row) => [row.id, row]));
      return noticeIds.map((id) => noticeOf(byUpdated.get(id)!));
    });
  }
}
