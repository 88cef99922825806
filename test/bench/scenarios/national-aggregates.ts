import { AGGREGATE_WORK_MEM } from '@estate/attendance/src/orm';
import { authenticate, signToken } from '@estate/gateway/src/auth/jwt';
import { ScopeResolver } from '@estate/gateway/src/auth/scope';
import { AcademicYear, Role, todayIso } from '@estate/subgraph-kit';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type StartedGateway, startGateway, startSubgraphProcesses } from '../graph-processes';
import { ensureNationalDatabase, type NationalDatabase } from '../national-database';
import { academicYearOf } from '../operations';
import type { BenchProcess } from '../processes';
import { summarise, type Summary } from '../stats';
import type { TargetResult } from '../targets';
import { BENCH_JWT, BENCH_SECRETS, type BenchViewer, signedViewerHeaders } from '../viewers';

/**
 * Scenario 5, aggregates at England's size: LA and national year-to-date measures with persistent
 * absence, overall and by FSM, through our gateway as a DfE viewer, against hand-written SQL of the
 * same sums over `attendance.daily_rollup` and `attendance.persistence_rollup`, on the national
 * database (academies and attendance national seeds; see ../national-database). Full run only.
 *
 * Through the gateway rather than straight to the subgraph: `LocalAuthority.attendance`
 * `@requires` the LA's `schoolSpans`, which the gateway fetches from academies and hands to
 * attendance as an entity representation, so the gateway is part of the LA path. The same
 * requests straight to the attendance subgraph (signed viewer; the LA through `_entities` with
 * the spans the gateway would pass) are timed too, as the profile that splits the gateway off.
 */
export interface NationalAggregatesPlan {
  /** Timed runs of each path per case, after one untimed (cold) run of each. */
  repeats: number;
}

export const NATIONAL_AGGREGATES_PLAN: NationalAggregatesPlan = { repeats: 3 };

/**
 * Far above the gateway's default subgraph timeout (SUBGRAPH_TIMEOUT_MS, 30 s), so that a cold run
 * on a slow or busy machine still answers and is measured rather than refused.
 */
const SUBGRAPH_TIMEOUT_MS = 120_000;

type PathName = 'gateway' | 'subgraph' | 'raw';
const PATHS: PathName[] = ['gateway', 'subgraph', 'raw'];

export interface AggregateFigures {
  schools: number;
  possibleSessions: number;
  overallAttendanceSessions: number;
  authorisedAbsenceSessions: number;
  unauthorisedAbsenceSessions: number;
  overallAbsenceRate: number;
  enrolments: number;
  persistentlyAbsentEnrolments: number;
  severelyAbsentEnrolments: number;
  persistentAbsenceRate: number;
}

export interface AggregateCase {
  name: string;
  scope: 'national' | 'localAuthority';
  /** Pupil groups, by the API's alias: `all`, or `fsm` and `nonFsm`. */
  groups: string[];
  /** Milliseconds per path: the untimed cold run, then the timed runs. */
  coldMs: Record<PathName, number>;
  ms: Record<PathName, Summary>;
  ratio: number;
  /** By group alias, as the API and the raw SQL both gave them (checked equal). */
  figures: Record<string, AggregateFigures>;
}

export interface NationalAggregatesResult {
  measured: boolean;
  reason: string;
  plan?: NationalAggregatesPlan;
  database?: Omit<NationalDatabase, 'url'>;
  rows?: { dailyRollup: number; persistenceRollup: number; schools: number };
  localAuthority?: { code: string; name: string; schools: number };
  period?: { from: string; to: string; academicYear: string };
  cases?: AggregateCase[];
  rawSql?: { national: string; localAuthority: string };
  targets: TargetResult[];
}

const FIELDS = `from to schools possibleSessions overallAttendanceSessions authorisedAbsenceSessions
  unauthorisedAbsenceSessions overallAbsenceRate enrolments persistentlyAbsentEnrolments
  severelyAbsentEnrolments persistentAbsenceRate suppressedFields`;

const GROUPS: Record<string, { alias: string; filter: string; value: string }[]> = {
  overall: [{ alias: 'all', filter: '', value: '' }],
  fsm: [
    { alias: 'fsm', filter: ', group: { freeSchoolMeals: true }', value: 'true' },
    { alias: 'nonFsm', filter: ', group: { freeSchoolMeals: false }', value: 'false' },
  ],
};

function selections(groups: (typeof GROUPS)[string]): string {
  return groups
    .map((g) => `${g.alias}: attendance(academicYear: $academicYear${g.filter}) { ${FIELDS} }`)
    .join('\n');
}

function gatewayQuery(scope: AggregateCase['scope'], groups: (typeof GROUPS)[string]): string {
  const fields = selections(groups);
  return scope === 'national'
    ? `query NationalAttendance($academicYear: AcademicYear!) {\n${fields.replaceAll(': attendance(', ': nationalAttendance(')}\n}`
    : `query LocalAuthorityAttendance($academicYear: AcademicYear!, $code: String!) {\n` +
        `localAuthority(code: $code) { code name\n${fields}\n} }`;
}

/** What the gateway sends attendance for the LA: the entity with the URNs academies gave it. */
function subgraphQuery(scope: AggregateCase['scope'], groups: (typeof GROUPS)[string]): string {
  if (scope === 'national') return gatewayQuery(scope, groups);
  return (
    'query LocalAuthorityAttendance($academicYear: AcademicYear!, $representations: [_Any!]!) {\n' +
    `_entities(representations: $representations) { ... on LocalAuthority {\n${selections(groups)}\n} } }`
  );
}

/**
 * The hand-written SQL: the same sums the measures service makes, over the rollups only. Sessions
 * by statistical class and schools with a possible session from `daily_rollup`, headline scope;
 * persistence from `persistence_rollup`, each school's period from the first day of the year to the
 * latest end on or before the last day asked for. England reads every school; the LA joins its
 * schools as academies lists them (the LA's `schoolSpans`: each school while it was open), `$4`
 * its code.
 */
function rawSql(scope: 'national' | 'localAuthority'): string {
  const la = scope === 'localAuthority';
  const schools = la
    ? 'schools as (select urn, opened_on, closed_on from academies.school where la_code = $4), '
    : '';
  // Each school's days while it was open, and its year-to-date persistence if open on the last day.
  const fromRollups = la
    ? `schools s join attendance.daily_rollup r on r.urn = s.urn
    and (s.opened_on is null or r.date >= s.opened_on) and (s.closed_on is null or r.date <= s.closed_on)`
    : 'attendance.daily_rollup r';
  const fromPersistence = la
    ? `schools s join attendance.persistence_rollup p on p.urn = s.urn
      and (s.opened_on is null or s.opened_on <= $3) and (s.closed_on is null or s.closed_on >= $3)`
    : 'attendance.persistence_rollup p';
  return `with ${schools}sessions as (
  select r.group_value,
    count(distinct r.urn) filter (where c.statistical_class <> 'notCounted' and r.sessions > 0) as schools,
    sum(r.sessions) filter (where c.statistical_class in ('present', 'approvedEducationalActivity')) as attendance,
    sum(r.sessions) filter (where c.statistical_class = 'authorisedAbsence') as authorised,
    sum(r.sessions) filter (where c.statistical_class = 'unauthorisedAbsence') as unauthorised
  from ${fromRollups}
  join attendance.register_code c on c.code = r.code
  where r.dimension = $1 and r.headline and r.date between $2 and $3
  group by r.group_value
), persistence as (
  select group_value, sum(enrolments) as enrolments, sum(persistent) as persistent,
    sum(severe) as severe
  from (
    select distinct on (p.group_value, p.urn) p.group_value, p.enrolments, p.persistent, p.severe
    from ${fromPersistence}
    where p.dimension = $1 and p.from_d = $2 and p.to_d <= $3
    order by p.group_value, p.urn, p.to_d desc
  ) latest
  group by group_value
)
select s.group_value, s.schools, s.attendance, s.authorised, s.unauthorised,
  p.enrolments, p.persistent, p.severe
from sessions s left join persistence p using (group_value)`;
}

interface RawRow {
  group_value: string;
  schools: number;
  attendance: string;
  authorised: string;
  unauthorised: string;
  enrolments: string;
  persistent: string;
  severe: string;
}

function rawFigures(row: RawRow): AggregateFigures {
  const attendance = Number(row.attendance ?? 0);
  const authorised = Number(row.authorised ?? 0);
  const unauthorised = Number(row.unauthorised ?? 0);
  const possible = attendance + authorised + unauthorised;
  const enrolments = Number(row.enrolments ?? 0);
  const persistent = Number(row.persistent ?? 0);
  return {
    schools: Number(row.schools),
    possibleSessions: possible,
    overallAttendanceSessions: attendance,
    authorisedAbsenceSessions: authorised,
    unauthorisedAbsenceSessions: unauthorised,
    overallAbsenceRate: ((authorised + unauthorised) / possible) * 100,
    enrolments,
    persistentlyAbsentEnrolments: persistent,
    severelyAbsentEnrolments: Number(row.severe ?? 0),
    persistentAbsenceRate: (persistent / enrolments) * 100,
  };
}

const FIGURE_KEYS: (keyof AggregateFigures)[] = [
  'schools',
  'possibleSessions',
  'overallAttendanceSessions',
  'authorisedAbsenceSessions',
  'unauthorisedAbsenceSessions',
  'overallAbsenceRate',
  'enrolments',
  'persistentlyAbsentEnrolments',
  'severelyAbsentEnrolments',
  'persistentAbsenceRate',
];

function sameFigures(a: AggregateFigures, b: AggregateFigures): string[] {
  return FIGURE_KEYS.filter((key) => {
    const x = Number(a[key]);
    const y = Number(b[key]);
    return !(Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= 1e-9 * Math.abs(y));
  }).map((key) => `${key}: API ${a[key]}, raw ${b[key]}`);
}

const P9: Omit<TargetResult, 'value'> = {
  id: 'P9',
  name: 'national-aggregates-vs-raw-sql',
  comparison: '<=',
  target: 1.5,
};

function unmeasured(reason: string): NationalAggregatesResult {
  return { measured: false, reason, targets: [{ ...P9, value: null }] };
}

export function nationalAggregatesSkipped(): NationalAggregatesResult {
  return unmeasured(
    'full run only: it needs the national seed (20,969 schools, a year of rollups), which `--quick` does not make',
  );
}

export function nationalAggregatesFailed(error: unknown): NationalAggregatesResult {
  return unmeasured(`it failed: ${error instanceof Error ? error.message : String(error)}`);
}

export interface NationalAggregatesOptions {
  workDir: string;
  log: (line: string) => void;
  reseed?: boolean;
  plan?: NationalAggregatesPlan;
}

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ ms: number; answer: GraphQLAnswer }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(SUBGRAPH_TIMEOUT_MS + 10_000),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let answer: GraphQLAnswer;
  try {
    answer = JSON.parse(text) as GraphQLAnswer;
  } catch {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  if (!response.ok || answer.errors?.length || !answer.data) {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return { ms, answer };
}

function figuresOf(
  data: Record<string, unknown>,
  scope: AggregateCase['scope'],
  path: 'gateway' | 'subgraph',
): Record<string, AggregateFigures & { from: string; to: string; suppressedFields: string[] }> {
  const holder =
    scope === 'national'
      ? data
      : path === 'gateway'
        ? (data.localAuthority as Record<string, unknown>)
        : (data._entities as Record<string, unknown>[])[0]!;
  const out: Record<
    string,
    AggregateFigures & { from: string; to: string; suppressedFields: string[] }
  > = {};
  for (const [alias, value] of Object.entries(holder)) {
    if (value && typeof value === 'object' && 'possibleSessions' in value) {
      out[alias] = value as AggregateFigures & {
        from: string;
        to: string;
        suppressedFields: string[];
      };
    }
  }
  return out;
}

export async function measureNationalAggregates(
  options: NationalAggregatesOptions,
): Promise<NationalAggregatesResult> {
  const { log } = options;
  const plan = options.plan ?? NATIONAL_AGGREGATES_PLAN;
  log('  national database (academies national + attendance national)');
  const database = await ensureNationalDatabase(log, { reseed: options.reseed });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  // The same memory per sort and hash as the attendance subgraph's connections, so that the
  // baseline is not slowed by spilling to disk where the API is not.
  await client.query(`set work_mem = '${AGGREGATE_WORK_MEM}'`);
  const processes: BenchProcess[] = [];
  try {
    const counted = await client.query<{ daily: string; persistence: string; schools: string }>(
      `select (select count(*) from attendance.daily_rollup) as daily,
        (select count(*) from attendance.persistence_rollup) as persistence,
        (select count(distinct urn) from attendance.persistence_rollup) as schools`,
    );
    const rows = {
      dailyRollup: Number(counted.rows[0]!.daily),
      persistenceRollup: Number(counted.rows[0]!.persistence),
      schools: Number(counted.rows[0]!.schools),
    };
    // The largest LA by the schools academies lists for it, which is the LA's universe.
    const largest = await client.query<{ code: string; name: string; schools: number }>(
      `select s.la_code as code, la.name, count(*)::int as schools
       from academies.school s join academies.local_authority la on la.code = s.la_code
       group by s.la_code, la.name order by count(*) desc, s.la_code limit 1`,
    );
    const la = largest.rows[0]!;
    const spansOfLa = (
      await client.query<{ urn: number; openedOn: string | null; closedOn: string | null }>(
        `select urn, to_char(opened_on, 'YYYY-MM-DD') as "openedOn",
           to_char(closed_on, 'YYYY-MM-DD') as "closedOn"
         from academies.school where la_code = $1 order by urn`,
        [la.code],
      )
    ).rows;
    const academicYear = academicYearOf(new Date());
    const year = AcademicYear.containing(todayIso());
    const today = todayIso();
    const period = { from: year.firstDay, to: year.lastDay < today ? year.lastDay : today };
    log(
      `  ${rows.schools} schools, ${(rows.dailyRollup / 1e6).toFixed(1)}M rollup rows, ` +
        `${(rows.persistenceRollup / 1e6).toFixed(2)}M PA rows; largest LA ${la.code} ${la.name} ` +
        `(${la.schools} schools); ${academicYear} ${period.from} to ${period.to}`,
    );

    const subgraphs = await startSubgraphProcesses(database.url);
    processes.push(...subgraphs.processes);
    const token = await signToken({ role: Role.DfE }, BENCH_JWT, {
      subject: 'bench-national-dfe',
      expiresIn: '2h',
    });
    // Resolved as our gateway resolves it, for the signed headers straight to the subgraph.
    const scopes = new ScopeResolver(
      subgraphs.urls.academies!,
      BENCH_SECRETS.GATEWAY_SECRET,
      60_000,
      10_000,
    );
    const viewer: BenchViewer = {
      label: 'dfe',
      token,
      viewer: await scopes.withScope(await authenticate(`Bearer ${token}`, BENCH_JWT)),
    };
    const viewersPath = join(options.workDir, 'national-viewers.json');
    writeFileSync(viewersPath, JSON.stringify([viewer]));
    const gateway: StartedGateway = await startGateway(
      'estate',
      subgraphs.urls,
      viewersPath,
      token,
      [],
      { SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS) },
    );
    processes.push(gateway.process);
    const gatewayHeaders = { authorization: `Bearer ${token}` };

    const cases: AggregateCase[] = [];
    const definitions: { name: string; scope: AggregateCase['scope']; groups: string }[] = [
      { name: 'national, overall', scope: 'national', groups: 'overall' },
      { name: 'national, by FSM', scope: 'national', groups: 'fsm' },
      { name: `LA ${la.code}, overall`, scope: 'localAuthority', groups: 'overall' },
      { name: `LA ${la.code}, by FSM`, scope: 'localAuthority', groups: 'fsm' },
    ];
    for (const definition of definitions) {
      const groups = GROUPS[definition.groups]!;
      const dimension = definition.groups === 'overall' ? 'all' : 'fsm';
      const gatewayBody = JSON.stringify({
        query: gatewayQuery(definition.scope, groups),
        variables: { academicYear, code: la.code },
      });
      const subgraphBody = JSON.stringify({
        query: subgraphQuery(definition.scope, groups),
        variables: {
          academicYear,
          representations: [
            { __typename: 'LocalAuthority', code: la.code, schoolSpans: spansOfLa },
          ],
        },
      });
      const rawText = rawSql(definition.scope);
      const rawParams =
        definition.scope === 'national'
          ? [dimension, period.from, period.to]
          : [dimension, period.from, period.to, la.code];
      const run = async (path: PathName) => {
        if (path === 'raw') {
          const started = performance.now();
          const result = await client.query<RawRow>(rawText, rawParams);
          const ms = performance.now() - started;
          const figures = Object.fromEntries(
            groups.map((g) => {
              const row = result.rows.find((r) => r.group_value === g.value);
              if (!row) throw new Error(`raw SQL: no row for ${dimension} ${g.value}`);
              return [g.alias, rawFigures(row)];
            }),
          );
          return { ms, figures };
        }
        const { ms, answer } =
          path === 'gateway'
            ? await post(gateway.url, gatewayHeaders, gatewayBody)
            : await post(
                subgraphs.urls.attendance!,
                // Signed per request, as the gateway does: the signature expires.
                signedViewerHeaders(viewer.viewer),
                subgraphBody,
              );
        return { ms, figures: figuresOf(answer.data!, definition.scope, path) };
      };

      // One untimed, cold run of each path, which is also the check that they agree.
      const coldMs = {} as Record<PathName, number>;
      const answers = {} as Record<PathName, Record<string, AggregateFigures>>;
      for (const path of PATHS) {
        const { ms, figures } = await run(path);
        coldMs[path] = ms;
        answers[path] = figures;
      }
      for (const g of groups) {
        const api = answers.gateway[g.alias] as AggregateFigures & {
          from: string;
          to: string;
          suppressedFields: string[];
        };
        if (!api) throw new Error(`${definition.name}: no ${g.alias} in the gateway's answer`);
        if (api.from !== period.from || api.to !== period.to) {
          throw new Error(
            `${definition.name}: the API's period ${api.from} to ${api.to} is not ${period.from} to ${period.to}`,
          );
        }
        if (api.suppressedFields.length) {
          throw new Error(`${definition.name}: suppressed ${api.suppressedFields.join(', ')}`);
        }
        const differences = [
          ...sameFigures(api, answers.raw[g.alias]!),
          ...sameFigures(answers.subgraph[g.alias]!, answers.raw[g.alias]!).map(
            (d) => `subgraph ${d}`,
          ),
        ];
        if (differences.length) {
          throw new Error(`${definition.name} ${g.alias}: ${differences.join('; ')}`);
        }
      }
      log(
        `  ${definition.name}: cold gateway ${coldMs.gateway.toFixed(0)} ms, subgraph ` +
          `${coldMs.subgraph.toFixed(0)} ms, raw SQL ${coldMs.raw.toFixed(0)} ms; figures agree`,
      );

      // Timed runs, the paths alternating, starting with a different one each run.
      const timings: Record<PathName, number[]> = { gateway: [], subgraph: [], raw: [] };
      for (let repeat = 0; repeat < plan.repeats; repeat += 1) {
        const order = PATHS.map((_, i) => PATHS[(i + repeat) % PATHS.length]!);
        for (const path of order) timings[path].push((await run(path)).ms);
      }
      const ms = {
        gateway: summarise(timings.gateway),
        subgraph: summarise(timings.subgraph),
        raw: summarise(timings.raw),
      };
      const ratio = ms.gateway.median / ms.raw.median;
      log(
        `  ${definition.name}: gateway ${ms.gateway.median.toFixed(0)} ms, subgraph ` +
          `${ms.subgraph.median.toFixed(0)} ms, raw SQL ${ms.raw.median.toFixed(0)} ms ` +
          `(medians of ${plan.repeats}); API/raw ${ratio.toFixed(2)}`,
      );
      cases.push({
        name: definition.name,
        scope: definition.scope,
        groups: groups.map((g) => g.alias),
        coldMs,
        ms,
        ratio,
        figures: answers.raw,
      });
    }
    const databaseInfo = {
      name: database.name,
      reused: database.reused,
      seededAt: database.seededAt,
      seedSeconds: database.seedSeconds,
      secondsThisRun: database.secondsThisRun,
    };
    return {
      measured: true,
      reason: '',
      plan,
      database: databaseInfo,
      rows,
      localAuthority: la,
      period: { ...period, academicYear },
      cases,
      rawSql: { national: rawSql('national'), localAuthority: rawSql('localAuthority') },
      // Every case must stay within the target, so the worst one is the figure.
      targets: [{ ...P9, value: Math.max(...cases.map((c) => c.ratio)) }],
    };
  } finally {
    for (const running of processes.reverse()) await running.stop();
    await client.end();
  }
}
