import {
  AcademicYear,
  addDays,
  badUserInput,
  type EntityManager,
  groupBy,
  type IsoDate,
  todayIso,
  type Viewer,
} from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { type AggregateScope, maySeeUnsuppressed } from '../../authorization';
import { censusTerms } from '../../domain/census-terms';
import {
  PERSISTENT_ABSENCE_THRESHOLD_PERCENT,
  SEVERE_ABSENCE_THRESHOLD_PERCENT,
} from '../../domain/persistent-absence';
import { weekCommencing } from '../../domain/school-weeks';
import { NO_SESSIONS, sessionCountsForCode, sumSessionCounts } from '../../domain/session-counts';
import { asJson, runSql } from '../../sql';
import { publishSummary, type SummaryFigures } from './disclosure';
import {
  AttendanceGranularity,
  type AttendanceGroupInput,
  type AttendanceSummary,
  SenStatus,
  Sex,
} from './measures.type';

/** A school counted from `from` (inclusive) until `until` (exclusive); null ends are open. */
export interface CountedSpan {
  urn: number;
  from: IsoDate | null;
  until: IsoDate | null;
}

export type MeasureUniverse = { kind: 'spans'; spans: CountedSpan[] } | { kind: 'national' };

export interface PeriodArgs {
  academicYear?: AcademicYear | null;
  from?: IsoDate | null;
  to?: IsoDate | null;
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface GroupFilter {
  dimension: string;
  value: string;
}

export interface Bucket {
  from: IsoDate;
  to: IsoDate;
  label: string;
  /** PA and SA only over terms and years to date, as DfE publishes them. */
  persistence: boolean;
}

interface MeasureKey {
  universe: MeasureUniverse;
  buckets: Bucket[];
  group: GroupFilter;
}

const ALL: GroupFilter = { dimension: 'all', value: '' };

/**
 * The period asked for: a whole academic year (up to today while it runs) unless from or to
 * narrow it, always within one academic year.
 */
export function resolvePeriod(args: PeriodArgs, today: IsoDate = todayIso()): Period {
  const year =
    args.academicYear ??
    AcademicYear.containing(args.from ?? (args.to && args.to < today ? args.to : today));
  const from = args.from ?? year.firstDay;
  const to = args.to ?? (year.lastDay < today ? year.lastDay : today);
  if (!year.contains(from) || !year.contains(to)) {
    throw badUserInput(`from and to must fall within the academic year ${year.label}`);
  }
  if (from > to) throw badUserInput(`from (${from}) is after to (${to})`);
  return { from, to };
}

export function groupFilterOf(group: AttendanceGroupInput | null | undefined): GroupFilter {
  if (!group) return ALL;
  const given: GroupFilter[] = [];
  if (group.freeSchoolMeals != null) {
    given.push({ dimension: 'fsm', value: String(group.freeSchoolMeals) });
  }
  if (group.senStatus != null) {
    const codes = {
      [SenStatus.NONE]: 'N',
      [SenStatus.SEN_SUPPORT]: 'K',
      [SenStatus.EHC_PLAN]: 'E',
    };
    given.push({ dimension: 'sen', value: codes[group.senStatus] });
  }
  if (group.yearGroup != null)
    given.push({ dimension: 'yearGroup', value: String(group.yearGroup) });
  if (group.sex != null)
    given.push({ dimension: 'sex', value: group.sex === Sex.FEMALE ? 'F' : 'M' });
  if (group.englishAsAdditionalLanguage != null) {
    given.push({ dimension: 'eal', value: String(group.englishAsAdditionalLanguage) });
  }
  if (given.length > 1) throw badUserInput('group takes one characteristic at a time');
  return given[0] ?? ALL;
}

const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

export function bucketsOf(period: Period, granularity: AttendanceGranularity | null): Bucket[] {
  const { from, to } = period;
  switch (granularity) {
    case null:
      return [{ from, to, label: `${from} to ${to}`, persistence: true }];
    case AttendanceGranularity.DAY: {
      const days: Bucket[] = [];
      for (let day = from; day <= to; day = addDays(day, 1)) {
        days.push({ from: day, to: day, label: day, persistence: false });
      }
      return days;
    }
    case AttendanceGranularity.WEEK:
    case AttendanceGranularity.YEAR_TO_DATE: {
      const weeks: Bucket[] = [];
      for (let monday = weekCommencing(from); monday <= to; monday = addDays(monday, 7)) {
        const end = minDate(addDays(monday, 6), to);
        weeks.push(
          granularity === AttendanceGranularity.WEEK
            ? {
                from: maxDate(monday, from),
                to: end,
                label: `week commencing ${monday}`,
                persistence: false,
              }
            : { from, to: end, label: `year to ${end}`, persistence: true },
        );
      }
      return weeks;
    }
    case AttendanceGranularity.TERM: {
      const terms = censusTerms(AcademicYear.containing(from));
      return Object.entries(terms)
        .map(([term, range]) => ({
          from: maxDate(range.from, from),
          to: minDate(range.to, to),
          label: term,
          persistence: true,
        }))
        .filter((bucket) => bucket.from <= bucket.to);
    }
  }
}

interface RollupRow {
  k: number;
  b: number;
  code: string | null;
  sessions: number;
  schools: number;
}

interface PersistenceRow {
  k: number;
  b: number;
  enrolments: number;
  persistent: number;
  severe: number;
}

const SPANS = `s as (select * from json_to_recordset(?::json) as x(k int, urn int, from_d date, until_d date))`;
// gv: the bucket's value of the batch's group dimension, so that every value asked for is
// answered from one pass over the rollups.
const BUCKETS = `b as (select * from json_to_recordset(?::json) as x(k int, b int, from_d date, to_d date, gv text))`;
const IN_SPAN = (alias: string) =>
  `(s.from_d is null or ${alias}.date >= s.from_d) and (s.until_d is null or ${alias}.date < s.until_d)`;
// The dates of all the batch's buckets again as constants, so that PostgreSQL reads only the
// partitions of the years asked for (bounds that come from a join cannot prune them).
const ROLLUP_FILTER = `where r.dimension = ? and r.group_value = b.gv and r.headline
  and r.date between ? and ?`;
/**
 * Sessions per school and code first, then the totals: counting distinct schools over the few
 * rows per school is far cheaper than over every daily row, which matters at England's size.
 * bigint: England's sessions over a year pass 2^31 (pg returns them as strings; see load()).
 */
const ROLLUP_TOTALS = `select p.k, p.b, p.code, sum(p.sessions)::bigint as sessions,
    count(distinct p.urn) filter (where c.statistical_class <> 'notCounted' and p.sessions > 0)::int as schools
  from per_school p join attendance.register_code c on c.code = p.code
  group by grouping sets ((p.k, p.b, p.code), (p.k, p.b))`;
const ENROLMENT_GROUP = `(case ?::text when 'fsm' then e.fsm::text when 'sen' then e.sen_status::text
  when 'yearGroup' then e.year_group::text when 'sex' then e.sex::text when 'eal' then e.eal::text
  else '' end) = b.gv`;
const PERSISTENCE_COLUMNS = `t.k, t.b, count(*)::int as enrolments,
  count(*) filter (where t.absence * 100 >= ? * t.possible)::int as persistent,
  count(*) filter (where t.absence * 100 >= ? * t.possible)::int as severe`;

/**
 * Schools known only by their rollups (the national seed) keep persistence per period in
 * `persistence_rollup`: a bucket takes each school's figures from the same start up to the latest
 * end on or before its own. Such a school counts in a span if it is in it on the bucket's last day.
 */
const LATEST_PERSISTENCE = (urnFilter: string) => `select p.enrolments, p.persistent, p.severe
  from attendance.persistence_rollup p
  where ${urnFilter} p.dimension = ? and p.group_value = b.gv and p.from_d = b.from_d and p.to_d <= b.to_d
  order by p.to_d desc limit 1`;

const SQL = {
  rollupsOfSpans: `with ${SPANS}, ${BUCKETS}, per_school as (
      select s.k, b.b, r.urn, r.code, sum(r.sessions) as sessions
      from b join s on s.k = b.k
      join attendance.daily_rollup r on r.urn = s.urn and r.date between b.from_d and b.to_d and ${IN_SPAN('r')}
      ${ROLLUP_FILTER}
      group by s.k, b.b, r.urn, r.code
    ) ${ROLLUP_TOTALS}`,
  rollupsNational: `with ${BUCKETS}, per_school as (
      select b.k, b.b, r.urn, r.code, sum(r.sessions) as sessions
      from b join attendance.daily_rollup r on r.date between b.from_d and b.to_d
      ${ROLLUP_FILTER}
      group by b.k, b.b, r.urn, r.code
    ) ${ROLLUP_TOTALS}`,
  persistenceOfSpans: `with ${SPANS}, ${BUCKETS}
    select u.k, u.b, sum(u.enrolments)::int as enrolments, sum(u.persistent)::int as persistent,
      sum(u.severe)::int as severe from (
      select ${PERSISTENCE_COLUMNS} from (
        select s.k, b.b, d.enrolment_id, sum(d.possible) as possible, sum(d.absence) as absence
        from b join s on s.k = b.k
        join attendance.enrolment_day d on d.urn = s.urn and d.date between b.from_d and b.to_d and ${IN_SPAN('d')}
        join attendance.enrolment e on e.id = d.enrolment_id
        where ${ENROLMENT_GROUP}
        group by s.k, b.b, d.enrolment_id
      ) t where t.possible > 0 group by t.k, t.b
      union all
      select s.k, b.b, p.enrolments, p.persistent, p.severe
      from b join s on s.k = b.k
      join lateral (${LATEST_PERSISTENCE('p.urn = s.urn and')}) p on true
      where (s.from_d is null or s.from_d <= b.to_d) and (s.until_d is null or s.until_d > b.to_d)
    ) u group by u.k, u.b`,
  persistenceNational: `with ${BUCKETS}
    select u.k, u.b, sum(u.enrolments)::int as enrolments, sum(u.persistent)::int as persistent,
      sum(u.severe)::int as severe from (
      select ${PERSISTENCE_COLUMNS} from (
        select b.k, b.b, d.enrolment_id, sum(d.possible) as possible, sum(d.absence) as absence
        from b join attendance.enrolment_day d on d.date between b.from_d and b.to_d
        join attendance.enrolment e on e.id = d.enrolment_id
        where ${ENROLMENT_GROUP}
        group by b.k, b.b, d.enrolment_id
      ) t where t.possible > 0 group by t.k, t.b
      union all
      select b.k, b.b, p.enrolments, p.persistent, p.severe
      from b join lateral (
        select distinct on (p.urn) p.enrolments, p.persistent, p.severe
        from attendance.persistence_rollup p
        where p.dimension = ? and p.group_value = b.gv and p.from_d = b.from_d and p.to_d <= b.to_d
        order by p.urn, p.to_d desc
      ) p on true
    ) u group by u.k, u.b`,
};

/**
 * School, trust, LA and national measures, always from the daily rollups and the per-enrolment day
 * counts, never from marks. Every summary and series asked for in one request is answered by at
 * most two statements per kind of universe and pupil group, however many schools, trusts or LAs.
 */
export class MeasuresService {
  private readonly loader: DataLoader<MeasureKey, SummaryFigures[], string>;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {
    this.loader = new DataLoader((keys) => this.load(keys), {
      cacheKeyFn: (key) => JSON.stringify(key),
    });
  }

  async summary(
    scope: AggregateScope,
    universe: MeasureUniverse,
    args: PeriodArgs & { group?: AttendanceGroupInput | null },
  ): Promise<AttendanceSummary> {
    const [summary] = await this.series(scope, universe, args, null);
    return summary!;
  }

  async series(
    scope: AggregateScope,
    universe: MeasureUniverse,
    args: PeriodArgs & { group?: AttendanceGroupInput | null },
    granularity: AttendanceGranularity | null,
  ): Promise<AttendanceSummary[]> {
    const period = resolvePeriod(args);
    const group = groupFilterOf(args.group);
    const buckets = bucketsOf(period, granularity);
    const figures = await this.loader.load({ universe, buckets, group });
    const rule = {
      suppress: !maySeeUnsuppressed(this.viewer, scope, period.to),
      multiSchool: scope.kind !== 'school',
    };
    return figures
      .filter((point) => granularity !== AttendanceGranularity.DAY || point.schools > 0)
      .map((point) => publishSummary(point, rule));
  }

  private async load(keys: readonly MeasureKey[]): Promise<SummaryFigures[][]> {
    const answers = new Map<number, SummaryFigures[]>();
    const batches = groupBy(
      keys.map((key, k) => ({ key, k })),
      ({ key }) => `${key.universe.kind}|${key.group.dimension}`,
    );
    for (const batch of batches.values()) {
      // One batch per kind of universe and group dimension; each key brings its group value.
      const { universe, group } = batch[0]!.key;
      const buckets = batch.flatMap(({ key, k }) =>
        key.buckets.map((bucket, b) => ({
          k,
          b,
          from_d: bucket.from,
          to_d: bucket.to,
          gv: key.group.value,
        })),
      );
      const persistenceBuckets = batch.flatMap(({ key, k }) =>
        key.buckets
          .map((bucket, b) => ({
            k,
            b,
            from_d: bucket.from,
            to_d: bucket.to,
            wanted: bucket.persistence,
          }))
          .filter((bucket) => bucket.wanted)
          .map(({ k: kk, b, from_d, to_d }) => ({ k: kk, b, from_d, to_d, gv: key.group.value })),
      );
      const spans =
        universe.kind === 'national'
          ? null
          : batch.flatMap(({ key, k }) =>
              key.universe.kind === 'spans'
                ? key.universe.spans.map((span) => ({
                    k,
                    urn: span.urn,
                    from_d: span.from,
                    until_d: span.until,
                  }))
                : [],
            );
      const thresholds = [PERSISTENT_ABSENCE_THRESHOLD_PERCENT, SEVERE_ABSENCE_THRESHOLD_PERCENT];
      const dates = buckets.flatMap((bucket) => [bucket.from_d, bucket.to_d]).sort();
      const rollupFilter = [group.dimension, dates[0], dates.at(-1)];
      const [rollups, persistence] = await Promise.all([
        spans
          ? runSql<RollupRow>(this.em, SQL.rollupsOfSpans, [
              asJson(spans),
              asJson(buckets),
              ...rollupFilter,
            ])
          : runSql<RollupRow>(this.em, SQL.rollupsNational, [asJson(buckets), ...rollupFilter]),
        persistenceBuckets.length === 0
          ? Promise.resolve([] as PersistenceRow[])
          : spans
            ? runSql<PersistenceRow>(this.em, SQL.persistenceOfSpans, [
                asJson(spans),
                asJson(persistenceBuckets),
                ...thresholds,
                group.dimension,
                group.dimension,
              ])
            : runSql<PersistenceRow>(this.em, SQL.persistenceNational, [
                asJson(persistenceBuckets),
                ...thresholds,
                group.dimension,
                group.dimension,
              ]),
      ]);
      const rollupsByBucket = new Map<string, RollupRow[]>();
      for (const row of rollups) {
        row.sessions = Number(row.sessions);
        const id = `${row.k}|${row.b}`;
        rollupsByBucket.set(id, [...(rollupsByBucket.get(id) ?? []), row]);
      }
      const persistenceByBucket = new Map(persistence.map((row) => [`${row.k}|${row.b}`, row]));
      for (const { key, k } of batch) {
        answers.set(
          k,
          key.buckets.map((bucket, b) => {
            const rows = rollupsByBucket.get(`${k}|${b}`) ?? [];
            const byCode = rows.filter((row) => row.code !== null && row.sessions > 0);
            const counts = byCode.length
              ? sumSessionCounts(byCode.map((row) => sessionCountsForCode(row.code!, row.sessions)))
              : NO_SESSIONS;
            const totals = rows.find((row) => row.code === null);
            const pa = persistenceByBucket.get(`${k}|${b}`);
            return {
              period: bucket.label,
              from: bucket.from,
              to: bucket.to,
              schools: totals?.schools ?? 0,
              counts,
              persistence: bucket.persistence
                ? {
                    enrolments: pa?.enrolments ?? 0,
                    persistentlyAbsent: pa?.persistent ?? 0,
                    severelyAbsent: pa?.severe ?? 0,
                  }
                : null,
            };
          }),
        );
      }
    }
    return keys.map((_, k) => answers.get(k) ?? []);
  }
}
