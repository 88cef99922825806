import { NATIONAL_SEED, generateNationalEstate } from '@estate/academies/src/seed/national-estate';
import type { EnglandLocalAuthority } from '@estate/academies/src/seed/england-local-authorities';
import type { Estate } from '@estate/academies/src/seed/estate';
import {
  AcademicYear,
  addDays,
  badUserInput,
  type IsoDate,
  isoWeekday,
  type MikroORM,
  type SchoolSelection,
  SeededRandom,
  todayIso,
} from '@estate/subgraph-kit';
import { censusTerms } from '../domain/census-terms';
import { ensurePartitionsCommitted, type RegisterBatch } from '../modules/register/ingestion';
import { asJson, runSql } from '../sql';
import {
  generateDemoRegisters,
  type RegisterSchool,
  type RollRule,
  schoolDays,
} from './demo-registers';

/**
 * The `national` seed scale: rollups for every open state-funded primary, secondary and special
 * school of the academies national estate (about 20,000 schools over 153 LAs), for the whole of the
 * previous academic year and the current one to yesterday, with no pupil-level marks, except for
 * the schools asked for with `pupilRegisters`: those get generated pupils and marks instead
 * (`NATIONAL_ROLL`, `nationalRegisters`), which the seed writes through the ingestion service.
 *
 * Rows are built set-based in SQL (no ingestion service, no marks) from per-school parameters drawn
 * with a seeded generator and the demo school calendar, one statement per LA and table, two LAs at
 * once; day-to-day variation comes from a hash of URN and date. Per school day it writes the headline-scope sessions of FSM and non-FSM pupils
 * ('all' is their sum) as present, one authorised and one unauthorised reason code chosen by the
 * same hash. Other pupil groups (SEN, year group, sex, EAL), late marks and non-headline
 * sessions are not generated. Persistent and severe absence go to `persistence_rollup` for
 * periods starting on the first day of the year or of a census term and ending on each Sunday of a
 * week with school days, on the last seeded day and on the last day of the year.
 *
 * Calibration (DfE 2024/25, attendance-data-dashboard): overall absence about 5 % in primaries,
 * 8.5 % in secondaries and 13 % in special schools, pupil-weighted exactly per phase over a whole
 * year; FSM pupils are absent 1.75 times as often as others in the same school; persistent absence
 * over a year is 2.8 × the absence rate (14 %, 24 %, 36 %), higher over shorter periods.
 */

type Phase = 'primary' | 'secondary' | 'special';

const TARGET_ABSENCE: Record<Phase, number> = { primary: 0.05, secondary: 0.085, special: 0.13 };
const UNAUTHORISED_SHARE: Record<Phase, number> = {
  primary: 0.33,
  secondary: 0.45,
  special: 0.3,
};
const FSM_ABSENCE_MULTIPLIER = 1.75;
const SCHOOL_EFFECT_SPREAD = 0.22;

export interface NationalSeedOptions {
  /** A slice of England for tests; all 153 LAs by default. */
  localAuthorities?: readonly EnglandLocalAuthority[];
  /** Schools to give pupil-level registers instead of synthetic rollups; none by default. */
  pupilRegisters?: SchoolSelection;
  today?: IsoDate;
  onProgress?: (message: string) => void;
  /** LAs written at once, each on its own connection. */
  concurrency?: number;
}

export interface RollupSeedResult {
  schools: number;
  rollupRows: number;
  persistenceRows: number;
  ms: number;
}

type EstateSchool = Estate['schools'][number];

export interface SchoolParameters {
  urn: number;
  la: string;
  phase: Phase;
  fsm: number;
  other: number;
  /** Non-FSM absence rate before calibration. */
  rate: number;
  unauth: number;
}

interface SeedDay {
  date: IsoDate;
  factor: number;
}

interface SeedPeriod {
  from_d: IsoDate;
  to_d: IsoDate;
  sessions: number;
  factor: number;
}

function phaseOf(school: { phaseCode: number; typeName: string }): Phase | null {
  if (school.phaseCode === 2) return 'primary';
  if (school.phaseCode === 4 || school.phaseCode === 7) return 'secondary';
  if (/special/i.test(school.typeName)) return 'special';
  return null;
}

/** Pupils of compulsory school age: without reception and without a sixth form. */
function headlinePupils(phase: Phase, pupils: number, highAge: number | null): number {
  if (phase === 'primary') return Math.round((pupils * 6) / 7);
  if (phase === 'secondary') return highAge && highAge > 16 ? Math.round((pupils * 5) / 7) : pupils;
  return Math.round(pupils * 0.8);
}

function normal(random: SeededRandom): number {
  const u = Math.max(random.next(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** Every national school with attendance, as rollup parameters. */
export function nationalSchools(
  localAuthorities?: readonly EnglandLocalAuthority[],
): SchoolParameters[] {
  return planNationalSeed({ localAuthorities }).rollups;
}

export interface NationalSeedPlan {
  /** Schools whose figures the seed writes as rollups. */
  rollups: SchoolParameters[];
  /** Schools whose figures come from generated registers, in estate order. */
  registers: RegisterSchool[];
}

/**
 * Splits the national schools with attendance between rollups and registers, refusing a URN or LA
 * code that names none of them, so that a mistyped school fails before anything is written.
 */
export function planNationalSeed(
  options: Pick<NationalSeedOptions, 'localAuthorities' | 'pupilRegisters'>,
): NationalSeedPlan {
  const estate = generateNationalEstate(NATIONAL_SEED, options.localAuthorities).schools;
  const schools = rollupSchools(estate, NATIONAL_SEED + 4);
  const { urns = [], laCodes = [] } = options.pupilRegisters ?? {};
  const unknownUrns = urns.filter((urn) => !schools.some((school) => school.urn === urn));
  const unknownLaCodes = laCodes.filter((code) => !schools.some((school) => school.la === code));
  if (unknownUrns.length > 0 || unknownLaCodes.length > 0) {
    const unknown = [
      ...unknownUrns.map((urn) => `URN ${urn}`),
      ...unknownLaCodes.map((code) => `LA code ${code}`),
    ];
    throw badUserInput(
      `Pupil registers were asked for schools the national estate does not have: ${unknown.join(', ')} (only its open state-funded primary, secondary and special schools have attendance)`,
      unknown.map((what) => ({ path: 'pupilRegisters', message: `unknown ${what}` })),
    );
  }
  const asked = (school: SchoolParameters) =>
    urns.includes(school.urn) || laCodes.includes(school.la);
  const withRegisters = new Set(schools.filter(asked).map((school) => school.urn));
  return {
    rollups: schools.filter((school) => !withRegisters.has(school.urn)),
    registers: estate.filter((school) => withRegisters.has(school.urn)),
  };
}

const NATIONAL_REGISTER_SEED = 20_250_901;

/** Rolls stay demo-sized, so that an LA costs marks in the hundreds of thousands, not millions. */
const PUPILS_PER_REGISTER_PUPIL = 50;
/** One pupil in each of a school's seven year groups. */
const MIN_REGISTER_PUPILS = 7;

/**
 * National registers keep one pupil per 50 on the school's real roll, at least one per year group,
 * with free school meals at the school's own share (20 % where the estate has none). Middlesbrough
 * (54 schools, about 26,600 pupils) comes to about 780 pupils with last year's leavers, and about
 * 350,000 marks by December or 530,000 by the end of the summer term.
 */
export const NATIONAL_ROLL: RollRule = {
  pupils: (school) =>
    Math.max(
      MIN_REGISTER_PUPILS,
      Math.round((school.numberOfPupils ?? 0) / PUPILS_PER_REGISTER_PUPIL),
    ),
  fsmShare: (school) => (school.percentageFsm ?? 20) / 100,
};

/**
 * Each school's register batches, generated only when asked for, so that a large selection never
 * holds more than the schools being written. Each school has a seed of its own, so its pupils and
 * marks do not depend on which other schools were asked for.
 */
export function* nationalRegisters(
  today: IsoDate,
  schools: readonly RegisterSchool[],
): Generator<RegisterBatch[]> {
  for (const school of schools) {
    yield generateDemoRegisters(today, {
      schools: [school],
      roll: NATIONAL_ROLL,
      seed: NATIONAL_REGISTER_SEED + school.urn,
    });
  }
}

/** Open state-funded schools of an estate, with calibrated rates drawn from `seed`. */
export function rollupSchools(
  estateSchools: readonly EstateSchool[],
  seed: number,
): SchoolParameters[] {
  const random = new SeededRandom(seed);
  const schools: SchoolParameters[] = [];
  for (const school of estateSchools) {
    const phase = phaseOf(school);
    if (!phase || school.closedOn || school.statusCode === 2) continue;
    const pupils = headlinePupils(phase, school.numberOfPupils ?? 0, school.statutoryHighAge);
    const fsmShare = Math.min(
      0.85,
      ((school.percentageFsm ?? 20) / 100) * (phase === 'special' ? 1.6 : 1),
    );
    const fsm = Math.round(pupils * fsmShare);
    schools.push({
      urn: school.urn,
      la: school.laCode,
      phase,
      fsm,
      other: pupils - fsm,
      rate: Math.exp(SCHOOL_EFFECT_SPREAD * normal(random)),
      unauth: UNAUTHORISED_SHARE[phase] * (0.75 + 0.5 * random.next()),
    });
  }
  // Calibrate each phase so that its pupil-weighted absence is the target.
  for (const phase of Object.keys(TARGET_ABSENCE) as Phase[]) {
    const ofPhase = schools.filter((school) => school.phase === phase);
    const weighted = ofPhase.reduce(
      (sum, s) => sum + s.rate * (s.other + s.fsm * FSM_ABSENCE_MULTIPLIER),
      0,
    );
    const pupils = ofPhase.reduce((sum, s) => sum + s.other + s.fsm, 0);
    const scale = weighted > 0 ? (TARGET_ABSENCE[phase] * pupils) / weighted : 0;
    for (const school of ofPhase) school.rate *= scale;
  }
  return schools;
}

/** Winter and Fridays see more absence; factors average 1 over the days seeded. */
function dayFactor(date: IsoDate): number {
  const dayOfYear =
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) /
    86_400_000;
  const weekday = isoWeekday(date);
  const weekdayEffect = weekday === 5 ? 0.08 : weekday === 1 ? 0.02 : -0.025;
  return 1 + 0.18 * Math.cos((2 * Math.PI * (dayOfYear - 20)) / 365) + weekdayEffect;
}

export function nationalCalendar(today: IsoDate): { days: SeedDay[]; periods: SeedPeriod[] } {
  const current = AcademicYear.containing(today);
  const yesterday = addDays(today, -1);
  const years = [current.plus(-1), current];
  const days: SeedDay[] = [];
  const periods: SeedPeriod[] = [];
  for (const year of years) {
    const open = schoolDays(year, yesterday)
      .filter((day) => !day.inset)
      .map((day) => ({ date: day.date, factor: dayFactor(day.date) }));
    days.push(...open);
    if (open.length === 0) continue;
    const lastSeeded = open.at(-1)!.date;
    const terms = censusTerms(year);
    const starts = [
      year.firstDay,
      terms.spring.from,
      terms.summerFirstHalf.from,
      terms.summerSecondHalf.from,
    ].filter((start) => start <= lastSeeded);
    for (const from of starts) {
      const end = year.lastDay <= yesterday ? year.lastDay : lastSeeded;
      const ends = new Set<IsoDate>([end]);
      for (const day of open) {
        if (day.date < from) continue;
        const sunday = addDays(day.date, 7 - isoWeekday(day.date));
        ends.add(sunday > end ? end : sunday);
      }
      for (const to of [...ends].sort()) {
        const within = open.filter((day) => day.date >= from && day.date <= to);
        if (within.length === 0) continue;
        periods.push({
          from_d: from,
          to_d: to,
          sessions: within.length * 2,
          factor: within.reduce((sum, day) => sum + day.factor, 0) / within.length,
        });
      }
    }
  }
  const mean = days.reduce((sum, day) => sum + day.factor, 0) / Math.max(1, days.length);
  for (const day of days) day.factor /= mean;
  for (const period of periods) period.factor /= mean;
  return { days, periods };
}

const HASH = (salt: string) =>
  `(hashtext(s.urn::text || '${salt}' || d.date::text)::bigint & 65535) / 65535.0`;

/** Per school day: FSM and other pupils' sessions by code; 'all' is their sum. */
const INSERT_ROLLUPS = `insert into attendance.daily_rollup (urn, date, dimension, group_value, headline, code, sessions)
  select x.urn, x.date, v.dimension, v.group_value, true, v.code, v.sessions
  from (
    select s.urn, d.date, s.fsm, s.other, a.abs_f, a.abs_n,
      least(a.abs_f, round(a.abs_f * least(1.0, s.unauth * 1.25) * a.u2))::int as un_f,
      least(a.abs_n, round(a.abs_n * s.unauth * a.u2))::int as un_n,
      case when a.u3 < 0.72 then 'I' when a.u3 < 0.86 then 'M' when a.u3 < 0.93 then 'C'
        when a.u3 < 0.97 then 'E' else 'R' end as auth_code,
      case when a.u4 < 0.7 then 'O' when a.u4 < 0.9 then 'G' else 'N' end as unauth_code
    from json_to_recordset(?::json) as s(urn int, fsm int, other int, rate float8, unauth float8)
    cross join json_to_recordset(?::json) as d(date date, factor float8)
    cross join lateral (
      select least(2 * s.fsm, round(2 * s.fsm * least(0.95, s.rate * ${FSM_ABSENCE_MULTIPLIER} * d.factor * (0.6 + 0.8 * ${HASH('a')}))))::int as abs_f,
        least(2 * s.other, round(2 * s.other * least(0.95, s.rate * d.factor * (0.6 + 0.8 * ${HASH('a')}))))::int as abs_n,
        0.6 + 0.8 * ${HASH('u')} as u2, ${HASH('c')} as u3, ${HASH('k')} as u4
      offset 0
    ) a
    -- offset 0 keeps the planner from inlining the hashes into every row below.
    offset 0
  ) x
  cross join lateral (values
    ('fsm', 'true', '/', 2 * x.fsm - x.abs_f), ('fsm', 'true', x.auth_code, x.abs_f - x.un_f),
    ('fsm', 'true', x.unauth_code, x.un_f),
    ('fsm', 'false', '/', 2 * x.other - x.abs_n), ('fsm', 'false', x.auth_code, x.abs_n - x.un_n),
    ('fsm', 'false', x.unauth_code, x.un_n),
    ('all', '', '/', 2 * (x.fsm + x.other) - x.abs_f - x.abs_n),
    ('all', '', x.auth_code, x.abs_f - x.un_f + x.abs_n - x.un_n),
    ('all', '', x.unauth_code, x.un_f + x.un_n)
  ) as v(dimension, group_value, code, sessions)
  where v.sessions > 0
  order by x.urn, x.date`;

/**
 * Persistent absence over n sessions at mean rate m: 2.8 m over a year of 380 sessions, more over
 * fewer (a week's one absent session is 10 %); severe absence 5 m², never above persistent.
 */
const PA = (m: string) => `least(0.9, 2.8 * ${m} * (1 + 3.6 * x.boost))`;
const SA = (m: string) => `least(${PA(m)}, 5 * ${m} * ${m} * (1 + 3 * x.boost))`;

const INSERT_PERSISTENCE = `insert into attendance.persistence_rollup
    (urn, dimension, group_value, from_d, to_d, enrolments, persistent, severe)
  select y.urn, v.dimension, v.group_value, y.from_d, y.to_d, v.enrolments, v.persistent, v.severe
  from (
    select s.urn, p.from_d, p.to_d, s.fsm, s.other,
      round(s.fsm * ${PA('x.rf')})::int as pa_f, round(s.fsm * ${SA('x.rf')})::int as sa_f,
      round(s.other * ${PA('x.rn')})::int as pa_n, round(s.other * ${SA('x.rn')})::int as sa_n
    from json_to_recordset(?::json) as s(urn int, fsm int, other int, rate float8, unauth float8)
    cross join json_to_recordset(?::json) as p(from_d date, to_d date, sessions int, factor float8)
    cross join lateral (
      select s.rate * p.factor as rn, least(0.95, s.rate * ${FSM_ABSENCE_MULTIPLIER} * p.factor) as rf,
        1 / sqrt(p.sessions) - 1 / sqrt(380) as boost
      offset 0
    ) x
    offset 0
  ) y
  cross join lateral (values
    ('fsm', 'true', y.fsm, y.pa_f, least(y.sa_f, y.pa_f)),
    ('fsm', 'false', y.other, y.pa_n, least(y.sa_n, y.pa_n)),
    ('all', '', y.fsm + y.other, y.pa_f + y.pa_n, least(y.sa_f, y.pa_f) + least(y.sa_n, y.pa_n))
  ) as v(dimension, group_value, enrolments, persistent, severe)
  where v.enrolments > 0`;

/**
 * Writes rollups for the given schools, one statement per LA and table, `concurrency` LAs at once
 * on connections of their own.
 */
export async function seedSchoolRollups(
  orm: MikroORM,
  schools: readonly SchoolParameters[],
  options: Omit<NationalSeedOptions, 'localAuthorities' | 'pupilRegisters'> = {},
): Promise<RollupSeedResult> {
  const started = Date.now();
  const progress = options.onProgress ?? ((message: string) => console.log(message));
  const { days, periods } = nationalCalendar(options.today ?? todayIso());
  const byLa = new Map<string, SchoolParameters[]>();
  for (const school of schools) byLa.set(school.la, [...(byLa.get(school.la) ?? []), school]);
  const las = [...byLa.entries()];
  progress(
    `attendance rollups: ${schools.length} schools in ${las.length} LAs, ${days.length} school days, ${periods.length} PA periods`,
  );
  await ensurePartitionsCommitted(
    orm.em,
    days.map((day) => day.date),
  );
  const daysJson = asJson(days);
  const periodsJson = asJson(periods);
  let next = 0;
  let done = 0;
  let rollupRows = 0;
  let persistenceRows = 0;
  let schoolsDone = 0;
  const worker = async () => {
    const em = orm.em.fork();
    while (next < las.length) {
      const [, ofLa] = las[next]!;
      next += 1;
      const rows = asJson(
        ofLa.map(({ urn, fsm, other, rate, unauth }) => ({ urn, fsm, other, rate, unauth })),
      );
      const rollups = await em.getConnection().execute(INSERT_ROLLUPS, [rows, daysJson], 'run');
      const persistence = await em
        .getConnection()
        .execute(INSERT_PERSISTENCE, [rows, periodsJson], 'run');
      rollupRows += Number((rollups as { affectedRows?: number }).affectedRows ?? 0);
      persistenceRows += Number((persistence as { affectedRows?: number }).affectedRows ?? 0);
      done += 1;
      schoolsDone += ofLa.length;
      if (done % 10 === 0 || done === las.length) {
        const seconds = (Date.now() - started) / 1000;
        progress(
          `attendance rollups: ${done}/${las.length} LAs, ${schoolsDone} schools, ${(rollupRows / 1e6).toFixed(1)}M rollup rows, ${(persistenceRows / 1e6).toFixed(2)}M PA rows, ${seconds.toFixed(0)} s`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  await runSql(orm.em.fork(), 'analyze attendance.daily_rollup');
  await runSql(orm.em.fork(), 'analyze attendance.persistence_rollup');
  return { schools: schools.length, rollupRows, persistenceRows, ms: Date.now() - started };
}
