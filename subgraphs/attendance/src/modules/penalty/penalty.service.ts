import {
  addDays,
  type EntityManager,
  type IsoDate,
  todayIso,
  type Viewer,
} from '@estate/subgraph-kit';
import { assertMayReadPupilsOf } from '../../authorization';
import {
  checkPenaltyNoticeThreshold,
  PENALTY_NOTICE_WINDOW_SCHOOL_WEEKS,
} from '../../domain/penalty-threshold';
import { schoolWeeksUpTo } from '../../domain/school-weeks';
import type { RegisterMark, Session } from '../../domain/session-counts';
import { runSql } from '../../sql';
import { EnrolmentEntity } from '../pupil/pupil.entity';
import { Pupil } from '../pupil/pupil.type';
import { PenaltyNoticeCandidate } from './penalty.type';
import { MET_DATES_OF_K } from '../school/met-dates';

/** Far enough back to find 10 school weeks across any run of holidays. */
const LOOKBACK_DAYS = 200;

/**
 * Penalty notice candidates (domain.md §2.7), pupil-level and scoped like every pupil read. The
 * school's session dates come from its rollups, the marks that count from one school's register
 * over the window; the rule itself is the domain's `checkPenaltyNoticeThreshold`.
 */
export class PenaltyService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {}

  async candidates(urn: number, asOf: IsoDate = todayIso()): Promise<PenaltyNoticeCandidate[]> {
    assertMayReadPupilsOf(this.viewer, urn, asOf);
    const dates = await runSql<{ date: string }>(
      this.em,
      `select to_char(met.date, 'YYYY-MM-DD') as date
       from (select ?::int as urn, ?::date as from_d, ?::date as to_d) k ${MET_DATES_OF_K}`,
      [urn, addDays(asOf, -LOOKBACK_DAYS), asOf],
    );
    const schoolDates = dates.map((row) => row.date);
    const window = schoolWeeksUpTo(schoolDates, asOf, PENALTY_NOTICE_WINDOW_SCHOOL_WEEKS);
    if (window.from === null) return [];
    const rows = await runSql<{
      enrolment_id: string;
      date: string;
      session: string;
      code: string;
    }>(
      this.em,
      `select enrolment_id, to_char(date, 'YYYY-MM-DD') as date, session, code from attendance.mark
       where urn = ? and date between ? and ? and code in ('G', 'N', 'O', 'U')
       order by enrolment_id, date, session`,
      [urn, window.from, asOf],
    );
    const marksByPupil = new Map<string, RegisterMark[]>();
    for (const row of rows) {
      const marks = marksByPupil.get(row.enrolment_id) ?? [];
      marks.push({ date: row.date, session: row.session.trim() as Session, code: row.code });
      marksByPupil.set(row.enrolment_id, marks);
    }
    const checks = [...marksByPupil]
      .map(([id, marks]) => ({ id, check: checkPenaltyNoticeThreshold(marks, schoolDates, asOf) }))
      .filter(({ check }) => check.thresholdMet);
    if (checks.length === 0) return [];
    const enrolments = await this.em.find(EnrolmentEntity, {
      id: { $in: checks.map((c) => c.id) },
    });
    const byId = new Map(enrolments.map((e) => [e.id, e]));
    return checks
      .filter(({ id }) => byId.has(id))
      .sort((a, b) => b.check.unauthorisedSessions - a.check.unauthorisedSessions)
      .map(({ id, check }) =>
        Object.assign(new PenaltyNoticeCandidate(), {
          pupil: Pupil.from(byId.get(id)!, asOf),
          unauthorisedSessions: check.unauthorisedSessions,
          windowFrom: check.window.from,
          windowTo: check.window.to,
          countingSessions: check.countingSessions,
        }),
      );
  }
}
