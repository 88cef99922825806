import {
  AcademicYear,
  addDays,
  type EntityManager,
  type IsoDate,
  isoWeekday,
  type MikroORM,
  SeededRandom,
  todayIso,
  type Viewer,
} from '@estate/subgraph-kit';
import { nextPenaltyAction, type PenaltyNoticeRecord } from '../domain/penalty-notices';
import { eligibilityOf, MentoringService } from '../modules/mentoring/mentoring.service';
import {
  PenaltyNoticeService,
  type RecordPenaltyNoticePayment,
  type WithdrawPenaltyNotice,
} from '../modules/penalty/penalty-notice.service';
import { PenaltyNoticeKindValue } from '../modules/penalty/penalty-notice.type';
import { runSql } from '../sql';
import { DEMO_REGISTER_URNS } from './demo-registers';

export const DEMO_ACTING_ON_ABSENCE_SEED = 20_261_203;

/** Middlesbrough, which ran the first year of the 1-2-1 mentoring pilot (domain.md §2.6). */
const MIDDLESBROUGH: Viewer = {
  role: 'LA',
  laCode: '806',
  schools: DEMO_REGISTER_URNS.map((urn) => ({ urn, from: null, until: null })),
};

const MENTORS = [
  'Aisha Rahman',
  'Ben Carter',
  'Chloe Walsh',
  'Daniel Okoro',
  'Emma Lister',
  'Farid Haddad',
  'Grace Pickering',
  'Harry Nolan',
  'Imogen Shaw',
  'Jamal Bennett',
  'Kate Robson',
  'Liam Dodds',
];
const END_REASONS = [
  'programme completed',
  'programme completed',
  'programme completed',
  'family withdrew',
  'moved school',
];

/** The Monday on or after a date. */
function mondayFrom(date: IsoDate): IsoDate {
  return addDays(date, (8 - isoWeekday(date)) % 7);
}

/** Referral rounds: a few weeks into each half-term, once registers show a pattern. */
function mentoringRounds(year: AcademicYear): IsoDate[] {
  const y = year.startYear;
  return [
    `${y}-10-06`,
    `${y}-11-17`,
    `${y + 1}-01-19`,
    `${y + 1}-03-02`,
    `${y + 1}-04-27`,
    `${y + 1}-06-15`,
  ].map(mondayFrom);
}

async function enrolmentsOnRoll(em: EntityManager, on: IsoDate) {
  return runSql<{ id: string; urn: number; upn: string }>(
    em,
    `select id, urn, upn from attendance.enrolment
     where urn in (select value::int from json_array_elements_text(?::json))
       and admitted_on <= ? and (left_on is null or left_on >= ?)
     order by urn, upn`,
    [JSON.stringify(DEMO_REGISTER_URNS), on, on],
  );
}

/**
 * A pilot of a few hundred cases over the two years of demo registers: at each referral round,
 * most pupils then persistently or severely absent for the year to date and not already mentored
 * are enrolled, through the same service as `enrolInMentoring`; cases last one to two terms.
 */
async function seedMentoringPilot(em: EntityManager, today: IsoDate, random: SeededRandom) {
  const service = new MentoringService(em, MIDDLESBROUGH, today);
  const current = AcademicYear.containing(today);
  const rounds = [...mentoringRounds(current.plus(-1)), ...mentoringRounds(current)].filter(
    (date) => date < today,
  );
  const open = new Map<string, { caseId: string; endsOn: IsoDate }>();
  /** A pupil still absent after a case may be referred again, four weeks after it ended. */
  const endedOn = new Map<string, IsoDate>();
  const endDue = async (before: IsoDate) => {
    const due = [...open].filter(([, c]) => c.endsOn < before);
    if (due.length === 0) return;
    await service.end(
      due.map(([, c]) => ({
        caseId: c.caseId,
        endedOn: c.endsOn,
        reason: END_REASONS[random.int(0, END_REASONS.length - 1)]!,
      })),
      'cases',
    );
    for (const [id, c] of due) {
      open.delete(id);
      endedOn.set(id, c.endsOn);
    }
  };
  for (const round of rounds) {
    await endDue(round);
    const onRoll = (await enrolmentsOnRoll(em, round)).filter(
      (e) => !open.has(e.id) && (endedOn.get(e.id) ?? '') < addDays(round, -28),
    );
    const ytd = await service.yearToDate(
      onRoll.map((e) => ({ enrolmentId: e.id, urn: e.urn, on: round })),
    );
    const referred = onRoll.filter((_, i) => eligibilityOf(ytd[i]!).persistentlyAbsent);
    const taken = referred.filter(() => random.chance(0.9));
    if (taken.length === 0) continue;
    const cases = await service.enrol(
      taken.map((e) => ({
        pupilId: e.id,
        enrolledOn: round,
        mentorName: MENTORS[random.int(0, MENTORS.length - 1)]!,
      })),
      'cases',
    );
    cases.forEach((c) => {
      open.set(c.enrolmentId, { caseId: c.id, endsOn: addDays(round, 7 * random.int(8, 20)) });
    });
  }
  await endDue(addDays(today, -1));
}

type Role = 'improveFirst' | 'fine' | 'withdrawn' | 'none';

/**
 * Notices for some of the pupils who met the threshold, walked through four-weekly checkpoints
 * with the domain's `nextPenaltyAction` and issued through the same service as
 * `issuePenaltyNotices`: by now some candidates are due a notice to improve, some a first notice,
 * some a flat £160 second, and some have had two and may only be prosecuted.
 */
async function seedPenaltyNotices(em: EntityManager, today: IsoDate, random: SeededRandom) {
  const service = new PenaltyNoticeService(em, MIDDLESBROUGH, today);
  const start = AcademicYear.containing(today).plus(-1).firstDay;
  const roles = new Map<string, Role>();
  const history = new Map<string, PenaltyNoticeRecord[]>();
  const parentOf = (upn: string) => `MBC-${upn.slice(-7)}-P1`;
  const payments: RecordPenaltyNoticePayment[] = [];
  for (
    let checkpoint = addDays(mondayFrom(addDays(start, 42)), 4);
    checkpoint < today;
    checkpoint = addDays(checkpoint, 28)
  ) {
    const onRoll = await enrolmentsOnRoll(em, checkpoint);
    const checks = await service.thresholdChecks(
      onRoll.map((e) => ({ enrolmentId: e.id, urn: e.urn, asOf: checkpoint })),
    );
    const notices: {
      pupilId: string;
      parentReference: string;
      kind: PenaltyNoticeKindValue;
      issuedOn: IsoDate;
    }[] = [];
    onRoll.forEach((e, i) => {
      if (!checks[i]!.thresholdMet) return;
      if (!roles.has(e.id)) {
        roles.set(
          e.id,
          random.weighted<Role>([
            ['improveFirst', 35],
            ['fine', 40],
            ['withdrawn', 10],
            ['none', 15],
          ]),
        );
      }
      const role = roles.get(e.id)!;
      const past = history.get(e.id) ?? [];
      const last = past.at(-1);
      if (role === 'none' || (last && last.issuedOn > addDays(checkpoint, -56))) return;
      const next = nextPenaltyAction(past, true, checkpoint);
      let kind: PenaltyNoticeKindValue | null = null;
      if (next.action === 'noticeToImprove') {
        kind =
          role === 'improveFirst'
            ? PenaltyNoticeKindValue.NOTICE_TO_IMPROVE
            : PenaltyNoticeKindValue.PENALTY_NOTICE;
      } else if (next.action === 'firstPenaltyNotice' || next.action === 'secondPenaltyNotice') {
        kind = PenaltyNoticeKindValue.PENALTY_NOTICE;
      }
      if (kind === null) return;
      notices.push({ pupilId: e.id, parentReference: parentOf(e.upn), kind, issuedOn: checkpoint });
    });
    if (notices.length === 0) continue;
    const withdrawals: WithdrawPenaltyNotice[] = [];
    for (const notice of await service.issue(notices)) {
      const records = history.get(notice.enrolmentId) ?? [];
      const role = roles.get(notice.enrolmentId);
      let status: PenaltyNoticeRecord['status'] = 'issued';
      if (notice.kind === PenaltyNoticeKindValue.PENALTY_NOTICE) {
        const withdrawnOn = addDays(notice.issuedOn, 7);
        if (role === 'withdrawn' && records.every((r) => r.status !== 'withdrawn')) {
          if (withdrawnOn < today) {
            withdrawals.push({
              noticeId: notice.id,
              withdrawnOn,
              reason: 'the absence was later authorised',
            });
            status = 'withdrawn';
          }
        } else if (random.chance(0.7)) {
          const paidOn = addDays(notice.issuedOn, random.int(3, 28));
          if (paidOn < today) payments.push({ noticeId: notice.id, paidOn });
        }
      }
      records.push({ kind: notice.kind, issuedOn: notice.issuedOn, status });
      history.set(notice.enrolmentId, records);
    }
    // Before the next checkpoint, since a withdrawn notice no longer counts.
    if (withdrawals.length > 0) await service.withdraw(withdrawals, 'withdrawals');
  }
  // Paid or not, a notice counts towards the limit, so payments can all be recorded at the end.
  if (payments.length > 0) await service.recordPayments(payments, 'payments');
}

/**
 * Middlesbrough's mentoring pilot and penalty notices, over the demo registers: side by side, since
 * neither reads what the other writes, each in one transaction of its own, so that each service
 * call commits to a savepoint rather than to disk, and each with its own random stream, so that
 * their interleaving changes nothing.
 */
export async function seedActingOnAbsence(orm: MikroORM, today: IsoDate = todayIso()) {
  await Promise.all([
    orm.em
      .fork()
      .transactional((em) =>
        seedMentoringPilot(em, today, new SeededRandom(DEMO_ACTING_ON_ABSENCE_SEED)),
      ),
    orm.em
      .fork()
      .transactional((em) =>
        seedPenaltyNotices(em, today, new SeededRandom(DEMO_ACTING_ON_ABSENCE_SEED + 1)),
      ),
  ]);
}
