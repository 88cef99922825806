import {
  type EntityManager,
  groupBy,
  type IsoDate,
  type Page,
  todayIso,
  toConnection,
  type Viewer,
} from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { assertMayReadPupilsOf, forbiddenPupilData, mayReadPupilsOf } from '../../authorization';
import { persistentAbsenceSummary } from '../../domain/persistent-absence';
import { registerCodeDefinition } from '../../domain/register-codes';
import { NO_SESSIONS, sessionCountsForCode, sumSessionCounts } from '../../domain/session-counts';
import { asJson, runSql } from '../../sql';
import { publishSummary } from '../measures/disclosure';
import { type PeriodArgs, resolvePeriod, type Period } from '../measures/measures.service';
import type { AttendanceSummary } from '../measures/measures.type';
import { EnrolmentEntity } from './pupil.entity';
import { Pupil, SessionMark } from './pupil.type';

interface PupilPeriodKey {
  id: string;
  urn: number;
  from: IsoDate;
  to: IsoDate;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Pupil-level reads. Every path asks authorization.ts first and answers an out-of-scope or
 * unknown pupil with the same FORBIDDEN, so that existence is never revealed.
 */
export class PupilService {
  private readonly byId: DataLoader<string, EnrolmentEntity | null>;
  private readonly countsByPupil: DataLoader<
    PupilPeriodKey,
    { code: string; sessions: number }[],
    string
  >;
  private readonly marksByPupil: DataLoader<PupilPeriodKey, SessionMark[], string>;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {
    this.byId = new DataLoader(async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length ? await em.find(EnrolmentEntity, { id: { $in: valid } }) : [];
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    });
    const cacheKeyFn = (key: PupilPeriodKey) => JSON.stringify(key);
    this.countsByPupil = new DataLoader((keys) => this.loadCounts(keys), { cacheKeyFn });
    this.marksByPupil = new DataLoader((keys) => this.loadMarks(keys), { cacheKeyFn });
  }

  /** By opaque id, for `pupil(id:)` and `_entities`: in scope today, or FORBIDDEN. */
  async find(id: string, on: IsoDate = todayIso()): Promise<Pupil> {
    const entity = await this.byId.load(id);
    if (!entity || !mayReadPupilsOf(this.viewer, entity.urn, on)) throw forbiddenPupilData();
    return Pupil.from(entity, on);
  }

  /** Pupils on roll at a school on a date (default today), for viewers who may see them then. */
  async onRoll(urn: number, page: Page, on: IsoDate = todayIso()) {
    assertMayReadPupilsOf(this.viewer, urn, on);
    const after = page.afterKey ?? '00000000-0000-0000-0000-000000000000';
    const onRoll = 'urn = ? and admitted_on <= ? and (left_on is null or left_on >= ?)';
    const [rows, counts] = await Promise.all([
      runSql(
        this.em,
        `select * from attendance.enrolment where ${onRoll} and id > ? order by id limit ?`,
        [urn, on, on, after, page.first + 1],
      ),
      runSql<{ total: number }>(
        this.em,
        `select count(*)::int as total from attendance.enrolment where ${onRoll}`,
        [urn, on, on],
      ),
    ]);
    const pupils = rows.map((row) => {
      const entity = this.em.map(EnrolmentEntity, row);
      this.byId.prime(entity.id, entity);
      return Pupil.from(entity, on);
    });
    return toConnection(
      pupils,
      page,
      counts[0]?.total ?? 0,
      (p) => p.id,
      (node, cursor) => ({
        node,
        cursor,
      }),
    );
  }

  /** The pupil's own sessions over a period (all of them, not only the headline scope). */
  async attendance(pupil: Pupil, args: PeriodArgs): Promise<AttendanceSummary> {
    this.recheck(pupil);
    const period = resolvePeriod(args);
    const rows = await this.countsByPupil.load({ id: pupil.id, urn: pupil.urn, ...period });
    const counts = rows.length
      ? sumSessionCounts(rows.map((row) => sessionCountsForCode(row.code, row.sessions)))
      : NO_SESSIONS;
    const persistence = persistentAbsenceSummary([counts]);
    return publishSummary(
      {
        period: `${period.from} to ${period.to}`,
        ...period,
        schools: 1,
        counts,
        persistence: {
          enrolments: persistence.enrolments,
          persistentlyAbsent: persistence.persistentlyAbsentEnrolments,
          severelyAbsent: persistence.severelyAbsentEnrolments,
        },
      },
      { suppress: false, multiSchool: false },
    );
  }

  async marks(pupil: Pupil, period: Period): Promise<SessionMark[]> {
    this.recheck(pupil);
    return this.marksByPupil.load({ id: pupil.id, urn: pupil.urn, ...period });
  }

  private recheck(pupil: Pupil): void {
    assertMayReadPupilsOf(this.viewer, pupil.urn, pupil.checkedOn);
  }

  /** One statement per distinct period, however many pupils. */
  private async loadCounts(keys: readonly PupilPeriodKey[]) {
    const found = new Map<string, { code: string; sessions: number }[]>();
    for (const group of groupBy(keys, (key) => `${key.from}|${key.to}`).values()) {
      const { from, to } = group[0]!;
      const rows = await runSql<{ id: string; code: string; sessions: number }>(
        this.em,
        `select k.id, m.code, count(*)::int as sessions
         from json_to_recordset(?::json) as k(id uuid, urn integer)
         join attendance.mark m on m.urn = k.urn and m.enrolment_id = k.id and m.date between ? and ?
         group by k.id, m.code`,
        [asJson(group.map(({ id, urn }) => ({ id, urn }))), from, to],
      );
      for (const row of rows) {
        const id = `${row.id}|${from}|${to}`;
        found.set(id, [...(found.get(id) ?? []), { code: row.code, sessions: row.sessions }]);
      }
    }
    return keys.map((key) => found.get(`${key.id}|${key.from}|${key.to}`) ?? []);
  }

  private async loadMarks(keys: readonly PupilPeriodKey[]) {
    const found = new Map<string, SessionMark[]>();
    for (const group of groupBy(keys, (key) => `${key.from}|${key.to}`).values()) {
      const { from, to } = group[0]!;
      const rows = await runSql<{
        id: string;
        date: string;
        session: string;
        code: string;
        source_updated_at: Date;
        amendments: number;
      }>(
        this.em,
        `select k.id, to_char(m.date, 'YYYY-MM-DD') as date, m.session, m.code, m.source_updated_at,
           (select count(*)::int from attendance.mark_history h where h.urn = m.urn
              and h.enrolment_id = m.enrolment_id and h.date = m.date and h.session = m.session) as amendments
         from json_to_recordset(?::json) as k(id uuid, urn integer)
         join attendance.mark m on m.urn = k.urn and m.enrolment_id = k.id and m.date between ? and ?
         order by k.id, m.date, m.session`,
        [asJson(group.map(({ id, urn }) => ({ id, urn }))), from, to],
      );
      for (const row of rows) {
        const id = `${row.id}|${from}|${to}`;
        const mark = Object.assign(new SessionMark(), {
          date: row.date,
          session: row.session.trim(),
          code: row.code,
          meaning: registerCodeDefinition(row.code)?.meaning ?? row.code,
          recordedAt: new Date(row.source_updated_at).toISOString(),
          amendments: row.amendments,
        });
        found.set(id, [...(found.get(id) ?? []), mark]);
      }
    }
    return keys.map((key) => found.get(`${key.id}|${key.from}|${key.to}`) ?? []);
  }
}
