import type { TokenClaims } from '@estate/gateway/src/auth/jwt';
import { signViewer, type Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestGraph, TEST_ENV, type TestGraph } from '../support/graph';

/**
 * Acting on absence through the gateway (issue 5): early warning, the mentoring pilot and penalty
 * notices, with every new field and mutation tried by each kind of viewer. Brambles Farm Primary
 * Academy (136330) is in Middlesbrough (806) and run by trust 2305; Ayresome (136339) is another
 * 806 school. The demo seed gives Middlesbrough its pilot and some notices.
 */
const OWN = 136330;
const OTHER = 136339;
/** The candidates list of the attendance suite finds pupils at OWN on this day. */
const CANDIDATES_ON = '2026-07-17';

type Claims = TokenClaims | null;
interface PupilRow {
  id: string;
  yearGroup: number;
  attendance: { overallAbsenceRate: number | null };
}
interface GraphError {
  message: string;
  extensions?: Record<string, unknown>;
}

let graph: TestGraph;
const tokenFor = (claims: Claims) => (claims ? graph.token(claims) : Promise.resolve(undefined));
const forbidden = (res: { errors?: GraphError[] }) =>
  (res.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN');
async function as<T = Record<string, unknown>>(
  claims: Claims,
  query: string,
  variables: Record<string, unknown> = {},
) {
  return graph.query<T>(query, variables, { token: await tokenFor(claims) });
}

const DFE: Claims = { role: 'DFE' };
const MIDDLESBROUGH: Claims = { role: 'LA', laCode: '806' };
const REDCAR: Claims = { role: 'LA', laCode: '805' };

/** Who may see OWN's pupils: the same matrix as the attendance suite. */
const SCHOOL_MATRIX: [string, Claims, boolean][] = [
  ['SCHOOL, its own school', { role: 'SCHOOL', urn: OWN }, true],
  ['SCHOOL, another school', { role: 'SCHOOL', urn: OTHER }, false],
  ['TRUST running the school', { role: 'TRUST', groupUid: '2305' }, true],
  ['TRUST running other schools', { role: 'TRUST', groupUid: '2132' }, false],
  ['LA of its area', MIDDLESBROUGH, true],
  ['LA of another area', REDCAR, false],
  ['DFE', DFE, true],
  ['PUBLIC', null, false],
];

/** LA-wide pupil-level lists: Middlesbrough itself and DfE only. */
const LA_MATRIX: [string, Claims, boolean][] = [
  ['LA of its area', MIDDLESBROUGH, true],
  ['LA of another area', REDCAR, false],
  ['DFE', DFE, true],
  ['SCHOOL in the area', { role: 'SCHOOL', urn: OWN }, false],
  ['TRUST in the area', { role: 'TRUST', groupUid: '2305' }, false],
  ['PUBLIC', null, false],
];

/** Roles that may never act, even on pupils they can see. */
const NON_ACTORS: [string, Claims][] = [
  ['LA of another area', REDCAR],
  ['SCHOOL, its own school', { role: 'SCHOOL', urn: OWN }],
  ['TRUST running the school', { role: 'TRUST', groupUid: '2305' }],
  ['PUBLIC', null],
];

let riskAsOf: string;
let persistentlyAbsentPupils: string[];
let presentPupil: string;
let candidatePupil: string;

beforeAll(async () => {
  graph = await startTestGraph('acting_on_absence');
  // A Friday on which early warning at OWN lists at least one pupil: every Friday of the autumn
  // term asked at once, in one request.
  const fridays = Array.from({ length: 10 }, (_, i) =>
    new Date(Date.UTC(2026, 8, 25 + 7 * i)).toISOString().slice(0, 10),
  );
  const risk = await as<Record<string, { absenceRisk: { onCourse: number } }>>(
    DFE,
    `{ ${fridays.map((d, i) => `d${i}: school(urn: ${OWN}) { absenceRisk(asOf: "${d}") { onCourse } }`).join(' ')} }`,
  );
  if (!risk.data) throw new Error(JSON.stringify(risk.errors));
  const withPupils = fridays.filter((_, i) => risk.data![`d${i}`]!.absenceRisk.onCourse > 0);
  riskAsOf = withPupils.at(-1)!;

  // Pupils of compulsory school age persistently absent this year, and one who is not.
  // Every Middlesbrough school with registers, in one request: the seed's pilot may have every
  // persistently absent pupil of one school in an open case already.
  const urns = [OWN, OTHER, 111001, 111005, 136165, 136240, 111028, 136097];
  type Roll = { pupils: { edges: { node: PupilRow }[] } };
  const rolls = await as<Record<string, Roll>>(
    DFE,
    `{ ${urns.map((urn) => `s${urn}: school(urn: ${urn}) { pupils(first: 100) { edges { node { id yearGroup attendance { overallAbsenceRate } } } } }`).join(' ')} }`,
  );
  const compulsory = Object.values(rolls.data!)
    .flatMap((roll) => roll.pupils.edges.map((e) => e.node))
    .filter((p) => p.yearGroup >= 1 && p.yearGroup <= 10);
  persistentlyAbsentPupils = compulsory
    .filter((p) => (p.attendance.overallAbsenceRate ?? 0) >= 15)
    .map((p) => p.id);
  presentPupil = compulsory.find((p) => (p.attendance.overallAbsenceRate ?? 100) < 5)!.id;

  const candidates = await as<{ school: { penaltyNoticeCandidates: { pupil: { id: string } }[] } }>(
    DFE,
    `{ school(urn: ${OWN}) { penaltyNoticeCandidates(asOf: "${CANDIDATES_ON}") { pupil { id } } } }`,
  );
  candidatePupil = candidates.data!.school.penaltyNoticeCandidates[0]!.pupil.id;
});
afterAll(() => graph?.close());

describe('School.absenceRisk', () => {
  const RISK = `query($urn: Int!, $asOf: Date) { school(urn: $urn) { absenceRisk(asOf: $asOf) {
    pupilsAssessed onCourse watch alreadyPersistentlyAbsent notAtRisk suppressedFields suppression
    pupils { pupil { id urn } yearToDateOverallAbsenceRate
      lastFourSchoolWeeks { schoolWeeks projectedYearEndAbsenceRate onCourseForPersistentAbsence }
      lastEightSchoolWeeks { schoolWeeks projectedYearEndAbsenceRate onCourseForPersistentAbsence } } } } }`;

  it.each(SCHOOL_MATRIX)('%s', async (_, claims, allowed) => {
    const res = await as<{
      school: {
        absenceRisk: {
          pupilsAssessed: number | null;
          onCourse: number | null;
          watch: number | null;
          alreadyPersistentlyAbsent: number | null;
          notAtRisk: number | null;
          suppressedFields: string[];
          pupils:
            | {
                pupil: { urn: number };
                yearToDateOverallAbsenceRate: number;
                lastFourSchoolWeeks: { schoolWeeks: number; onCourseForPersistentAbsence: boolean };
                lastEightSchoolWeeks: {
                  schoolWeeks: number;
                  onCourseForPersistentAbsence: boolean;
                };
              }[]
            | null;
        };
      };
    }>(claims, RISK, { urn: OWN, asOf: riskAsOf });
    const report = res.data!.school.absenceRisk;
    if (allowed) {
      expect(res.errors).toBeUndefined();
      expect(report.suppressedFields).toEqual([]);
      expect(report.pupils!.length).toBe(report.onCourse);
      expect(report.onCourse).toBeGreaterThan(0);
      expect(
        report.onCourse! + report.watch! + report.alreadyPersistentlyAbsent! + report.notAtRisk!,
      ).toBe(report.pupilsAssessed);
      for (const row of report.pupils!) {
        expect(row.pupil.urn).toBe(OWN);
        expect(row.yearToDateOverallAbsenceRate).toBeLessThan(10);
        expect(row.lastFourSchoolWeeks).toMatchObject({
          schoolWeeks: 4,
          onCourseForPersistentAbsence: true,
        });
        expect(row.lastEightSchoolWeeks).toMatchObject({
          schoolWeeks: 8,
          onCourseForPersistentAbsence: true,
        });
      }
    } else {
      expect(report.pupils).toBeNull();
      expect(forbidden(res)).toBe(true);
      const published = [
        report.onCourse,
        report.watch,
        report.alreadyPersistentlyAbsent,
        report.notAtRisk,
      ];
      expect(published.filter((n) => n !== null && n >= 1 && n <= 4)).toEqual([]);
      expect(JSON.stringify(res.data)).not.toMatch(/[A-Z]\d{12}/);
    }
  });

  it('suppresses exactly the small counts the viewer could not otherwise see', async () => {
    const [full, open] = await Promise.all([
      as<{ school: { absenceRisk: Record<string, number | null> } }>(DFE, RISK, {
        urn: OWN,
        asOf: riskAsOf,
      }),
      as<{
        school: { absenceRisk: Record<string, number | null> & { suppressedFields: string[] } };
      }>(null, RISK, { urn: OWN, asOf: riskAsOf }),
    ]);
    const small = ['onCourse', 'watch', 'alreadyPersistentlyAbsent', 'notAtRisk'].filter((name) => {
      const count = full.data!.school.absenceRisk[name]!;
      return count >= 1 && count <= 4;
    });
    expect(small.length).toBeGreaterThan(0);
    for (const name of small)
      expect(open.data!.school.absenceRisk.suppressedFields).toContain(name);
  });
});

interface GroupRisk {
  schools: number;
  pupilsAssessed: number | null;
  alreadyPersistentlyAbsent: number | null;
  onCourse: number | null;
  watch: number | null;
  notAtRisk: number | null;
  suppressedFields: string[];
  bySchool: (Record<(typeof RISK_COUNTS)[number], number | null> & {
    urn: number;
    suppressedFields: string[];
  })[];
  pupils:
    | {
        school: { urn: number };
        pupil: { urn: number };
        yearToDateOverallAbsenceRate: number;
        lastFourSchoolWeeks: { onCourseForPersistentAbsence: boolean };
        lastEightSchoolWeeks: { onCourseForPersistentAbsence: boolean };
      }[]
    | null;
}

const RISK_COUNTS = [
  'alreadyPersistentlyAbsent',
  'onCourse',
  'watch',
  'notAtRisk',
  'pupilsAssessed',
] as const;
const GROUP_RISK = `schools ${RISK_COUNTS.join(' ')} suppressedFields
  bySchool { urn ${RISK_COUNTS.join(' ')} suppressedFields }
  pupils { school { urn } pupil { urn } yearToDateOverallAbsenceRate
    lastFourSchoolWeeks { onCourseForPersistentAbsence }
    lastEightSchoolWeeks { onCourseForPersistentAbsence } }`;
const TRUST_RISK = `query($uid: ID!, $asOf: Date) { trust(groupUid: $uid) { absenceRisk(asOf: $asOf) { ${GROUP_RISK} } } }`;
const LA_RISK = `query($code: String!, $asOf: Date) { localAuthority(code: $code) { absenceRisk(asOf: $asOf) { ${GROUP_RISK} } } }`;

/** The list as the group's own viewer gets it: every pupil on course, at one of its schools. */
function expectFullList(report: GroupRisk, urns: number[]) {
  expect(report.suppressedFields).toEqual([]);
  expect(report.bySchool.map((row) => row.urn)).toEqual([...urns].sort((a, b) => a - b));
  expect(report.onCourse).toBe(report.bySchool.reduce((sum, row) => sum + row.onCourse!, 0));
  expect(report.pupils).toHaveLength(report.onCourse!);
  for (const row of report.pupils!) {
    expect(urns).toContain(row.school.urn);
    expect(row.pupil.urn).toBe(row.school.urn);
    expect(row.yearToDateOverallAbsenceRate).toBeLessThan(10);
    expect(row.lastFourSchoolWeeks.onCourseForPersistentAbsence).toBe(true);
    expect(row.lastEightSchoolWeeks.onCourseForPersistentAbsence).toBe(true);
  }
}

/**
 * What everyone else gets: no list, each school's counts as School.absenceRisk gives the viewer,
 * and totals that are either withheld or exactly right, never 1 to 4, and never the one figure a
 * single school withholds in that count.
 */
function expectCountsOnly(
  res: { data?: unknown; errors?: GraphError[] },
  report: GroupRisk,
  full: GroupRisk,
) {
  expect(report.pupils).toBeNull();
  expect(forbidden(res)).toBe(true);
  expect(JSON.stringify(res.data)).not.toMatch(/[A-Z]\d{12}/);
  for (const name of RISK_COUNTS) {
    const total = report[name];
    if (total === null) continue;
    expect(total).toBe(full[name]);
    expect(total >= 1 && total <= 4).toBe(false);
    expect(report.bySchool.filter((row) => row[name] === null)).not.toHaveLength(1);
  }
}

describe('Trust.absenceRisk and LocalAuthority.absenceRisk', () => {
  let trustSchoolsOnRiskDate: number[];
  let laSchools: number[];

  beforeAll(async () => {
    const res = await as<{
      trust: { membershipSpans: { urn: number; joinedOn: string; leftOn: string | null }[] };
      localAuthority: {
        schoolSpans: { urn: number; openedOn: string | null; closedOn: string | null }[];
      };
    }>(
      null,
      `{ trust(groupUid: "2305") { membershipSpans { urn joinedOn leftOn } }
         localAuthority(code: "806") { schoolSpans { urn openedOn closedOn } } }`,
    );
    trustSchoolsOnRiskDate = res
      .data!.trust.membershipSpans.filter(
        (span) => span.joinedOn <= riskAsOf && (span.leftOn === null || riskAsOf < span.leftOn),
      )
      .map((span) => span.urn);
    const spans = res.data!.localAuthority.schoolSpans;
    laSchools = spans
      .filter(
        (span) =>
          (span.openedOn ?? riskAsOf) <= riskAsOf &&
          (span.closedOn === null || riskAsOf <= span.closedOn),
      )
      .map((span) => span.urn);
    expect(trustSchoolsOnRiskDate).toContain(OWN);
    // Middlesbrough has had schools that closed before the risk date: they are not the LA's then.
    expect(laSchools.length).toBeLessThan(spans.length);
  });

  const trustRisk = (claims: Claims, uid: string, asOf: string) =>
    as<{ trust: { absenceRisk: GroupRisk } }>(claims, TRUST_RISK, { uid, asOf });
  const laRisk = (claims: Claims, code: string) =>
    as<{ localAuthority: { absenceRisk: GroupRisk } }>(claims, LA_RISK, {
      code,
      asOf: riskAsOf,
    });

  /** The trust's list: that trust and DfE. */
  const TRUST_MATRIX: [string, Claims, boolean][] = [
    ['TRUST itself', { role: 'TRUST', groupUid: '2305' }, true],
    ['DFE', DFE, true],
    ['TRUST running other schools', { role: 'TRUST', groupUid: '2132' }, false],
    ['TRUST that ran one of its schools before', { role: 'TRUST', groupUid: '2489' }, false],
    ['SCHOOL it runs', { role: 'SCHOOL', urn: OWN }, false],
    ['LA of its schools', MIDDLESBROUGH, false],
    ['PUBLIC', null, false],
  ];

  it.each(TRUST_MATRIX)('%s: the trust’s counts and list', async (_, claims, allowed) => {
    const [res, full] = await Promise.all([
      trustRisk(claims, '2305', riskAsOf),
      trustRisk(DFE, '2305', riskAsOf),
    ]);
    const report = res.data!.trust.absenceRisk;
    if (allowed) {
      expect(res.errors).toBeUndefined();
      expectFullList(report, trustSchoolsOnRiskDate);
      expect(report.onCourse).toBeGreaterThan(0);
    } else {
      expectCountsOnly(res, report, full.data!.trust.absenceRisk);
    }
  });

  it('follows the dates the trust ran each school', async () => {
    // Brambles Farm moved from trust 2489 to 2305 on 1 September 2025: the day before, it was
    // 2489's to list and not 2305's; on the day, the other way round.
    const before = '2025-08-31';
    const [former, current, formerNow] = await Promise.all([
      trustRisk({ role: 'TRUST', groupUid: '2489' }, '2489', before),
      trustRisk({ role: 'TRUST', groupUid: '2305' }, '2305', before),
      trustRisk({ role: 'TRUST', groupUid: '2489' }, '2489', '2025-09-01'),
    ]);
    for (const res of [former, current, formerNow]) expect(res.errors).toBeUndefined();
    expect(former.data!.trust.absenceRisk.bySchool.map((row) => row.urn)).toContain(OWN);
    expect(current.data!.trust.absenceRisk.bySchool.map((row) => row.urn)).not.toContain(OWN);
    expect(formerNow.data!.trust.absenceRisk.bySchool.map((row) => row.urn)).not.toContain(OWN);
    const refused = await trustRisk({ role: 'TRUST', groupUid: '2489' }, '2305', riskAsOf);
    expect(refused.data!.trust.absenceRisk.pupils).toBeNull();
    expect(forbidden(refused)).toBe(true);
  });

  it.each(LA_MATRIX)('%s: the LA’s counts and list', async (_, claims, allowed) => {
    const [res, full] = await Promise.all([laRisk(claims, '806'), laRisk(DFE, '806')]);
    const report = res.data!.localAuthority.absenceRisk;
    if (allowed) {
      expect(res.errors).toBeUndefined();
      expectFullList(report, laSchools);
      expect(report.schools).toBe(laSchools.length);
      expect(new Set(report.pupils!.map((row) => row.school.urn)).size).toBeGreaterThan(1);
    } else {
      expectCountsOnly(res, report, full.data!.localAuthority.absenceRisk);
    }
  });

  it("gives the public each school's counts exactly as School.absenceRisk does", async () => {
    const report = (await laRisk(null, '806')).data!.localAuthority.absenceRisk;
    // The schools with registers; the others publish zeros.
    const withPupils = report.bySchool.filter((row) => row.pupilsAssessed !== 0);
    expect(withPupils.length).toBeGreaterThan(1);
    const schools = await as<Record<string, { absenceRisk: Record<string, unknown> }>>(
      null,
      `{ ${withPupils
        .map(
          (row) =>
            `s${row.urn}: school(urn: ${row.urn}) { absenceRisk(asOf: "${riskAsOf}") { urn ${RISK_COUNTS.join(' ')} suppressedFields } }`,
        )
        .join(' ')} }`,
    );
    for (const row of withPupils) {
      expect(row).toEqual(schools.data![`s${row.urn}`]!.absenceRisk);
    }
    expect(report.bySchool.some((row) => row.suppressedFields.length > 0)).toBe(true);
  });

  it('checks the schools of an entity representation against the viewer’s own, through _entities', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on LocalAuthority { absenceRisk(asOf: "${riskAsOf}") { schools pupils { school { urn } } } } } }`;
    const la: Viewer = {
      role: 'LA',
      laCode: '806',
      schools: [{ urn: OWN, from: null, until: null }],
    };
    const ask = (urns: number[]) =>
      postGraphQL<{
        _entities: { absenceRisk: { schools: number; pupils: unknown[] | null } }[];
      }>(
        graph.subgraphs.attendance!.server.url,
        {
          query,
          variables: {
            r: [
              {
                __typename: 'LocalAuthority',
                code: '806',
                schoolSpans: urns.map((urn) => ({ urn, openedOn: null, closedOn: null })),
              },
            ],
          },
        },
        signViewer(la, TEST_ENV.GATEWAY_SECRET),
      );
    const own = await ask([OWN]);
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities[0]!.absenceRisk.pupils!.length).toBeGreaterThan(0);
    const widened = await ask([OWN, OTHER]);
    expect(widened.data!._entities[0]!.absenceRisk).toMatchObject({ schools: 2, pupils: null });
    expect(forbidden(widened)).toBe(true);
  });
});

interface PilotSide {
  attendanceRate: number | null;
  suppressedFields: string[];
  reasons: { code: string; sessions: number | null }[];
}
interface Pilot {
  localAuthority: {
    mentoringPilot: {
      cases: number | null;
      openCases: number | null;
      endedCases: number | null;
      before: PilotSide;
      after: PilotSide;
    };
  };
}

describe('LocalAuthority.mentoringPilot, mentoringCases and penaltyNotices', () => {
  const PILOT = `{ localAuthority(code: "806") { mentoringPilot {
    cases openCases endedCases attendanceRateChangePoints suppression
    before { attendanceRate suppressedFields reasons { code sessions } }
    after { attendanceRate suppressedFields reasons { code sessions } } } } }`;

  it.each(LA_MATRIX)(
    '%s: the pilot summary, suppressed unless the LA or DfE',
    async (_, claims, allowed) => {
      const res = await as<Pilot>(claims, PILOT);
      expect(res.errors).toBeUndefined();
      const pilot = res.data!.localAuthority.mentoringPilot;
      if (allowed) {
        expect(pilot.cases).toBeGreaterThan(100);
        expect(pilot.openCases! + pilot.endedCases!).toBe(pilot.cases);
        expect(pilot.before.suppressedFields).toEqual([]);
        expect(pilot.before.attendanceRate).toBeGreaterThan(50);
        expect(pilot.before.attendanceRate).toBeLessThan(95);
        return;
      }
      // Over a hundred cases in eight schools are publishable: the viewer gets exactly the LA's
      // figures with every count of 1 to 4 (and its complements) withheld, and nothing else.
      const full = (await as<Pilot>(MIDDLESBROUGH, PILOT)).data!.localAuthority.mentoringPilot;
      for (const side of ['before', 'after'] as const) {
        const actual = new Map(full[side].reasons.map((r) => [r.code, r.sessions!]));
        for (const reason of pilot[side].reasons) {
          const count = actual.get(reason.code)!;
          if (count >= 1 && count <= 4) expect(reason.sessions).toBeNull();
          if (reason.sessions !== null) expect(reason.sessions).toBe(count);
        }
        expect(pilot[side].suppressedFields.length > 0).toBe(
          full[side].reasons.some((r) => r.sessions! >= 1 && r.sessions! <= 4),
        );
      }
      expect(pilot.cases).toBe(full.cases);
      const counts = [pilot.cases, pilot.openCases, pilot.endedCases];
      expect(counts.filter((n) => n !== null && n >= 1 && n <= 4)).toEqual([]);
    },
  );

  it('answers another LA with no cases of Middlesbrough’s', async () => {
    const res = await as<{ localAuthority: { mentoringPilot: { cases: number } } }>(
      DFE,
      `{ localAuthority(code: "805") { mentoringPilot { cases } } }`,
    );
    expect(res.data!.localAuthority.mentoringPilot.cases).toBe(0);
  });

  it.each(LA_MATRIX)(
    '%s: the cases, pupil by pupil, before and after',
    async (_, claims, allowed) => {
      const res = await as<{
        localAuthority: {
          mentoringCases: {
            totalCount: number;
            edges: {
              node: {
                pupil: { upn: string };
                eligibility: { persistentlyAbsent: boolean };
                attendance: {
                  before: { attendanceRate: number | null; to: string };
                  after: { from: string };
                };
                enrolledOn: string;
              };
            }[];
          } | null;
        };
      }>(
        claims,
        `{ localAuthority(code: "806") { mentoringCases(first: 20) { totalCount edges { node {
        enrolledOn pupil { upn } eligibility { persistentlyAbsent }
        attendance { before { to attendanceRate } after { from } } } } } } }`,
      );
      if (allowed) {
        expect(res.errors).toBeUndefined();
        const cases = res.data!.localAuthority.mentoringCases!;
        expect(cases.totalCount).toBeGreaterThan(100);
        expect(cases.edges).toHaveLength(20);
        for (const { node } of cases.edges) {
          expect(node.pupil.upn).toMatch(/^[A-Z]\d{12}$/);
          expect(node.eligibility.persistentlyAbsent).toBe(true);
          expect(node.attendance.after.from).toBe(node.enrolledOn);
          expect(node.attendance.before.to < node.enrolledOn).toBe(true);
        }
      } else {
        expect(res.data?.localAuthority.mentoringCases).toBeNull();
        expect(forbidden(res)).toBe(true);
      }
    },
  );

  it.each(LA_MATRIX)('%s: the penalty notices', async (_, claims, allowed) => {
    const res = await as<{
      localAuthority: {
        penaltyNotices: {
          totalCount: number;
          edges: {
            node: {
              kind: string;
              ordinal: string | null;
              amountPounds: number | null;
              pupil: { id: string };
            };
          }[];
        } | null;
      };
    }>(
      claims,
      `{ localAuthority(code: "806") { penaltyNotices(first: 100) { totalCount edges { node {
        kind ordinal amountPounds status pupil { id } } } } } }`,
    );
    if (allowed) {
      expect(res.errors).toBeUndefined();
      const notices = res.data!.localAuthority.penaltyNotices!;
      expect(notices.totalCount).toBeGreaterThan(10);
      const kinds = new Set(notices.edges.map((e) => `${e.node.kind}:${e.node.ordinal}`));
      expect(kinds).toEqual(
        new Set(['NOTICE_TO_IMPROVE:null', 'PENALTY_NOTICE:FIRST', 'PENALTY_NOTICE:SECOND']),
      );
      expect(
        notices.edges.every(
          (e) => e.node.kind === 'NOTICE_TO_IMPROVE' || e.node.amountPounds === 160,
        ),
      ).toBe(true);
    } else {
      expect(res.data?.localAuthority.penaltyNotices).toBeNull();
      expect(forbidden(res)).toBe(true);
    }
  });
});

describe('enrolInMentoring and endMentoring', () => {
  const ENROL = `mutation($input: EnrolInMentoringInput!) { enrolInMentoring(input: $input) {
    id enrolledOn mentorOrganisation eligibility { persistentlyAbsent overallAbsenceRate } } }`;
  const END = `mutation($input: EndMentoringInput!) { endMentoring(input: $input) { id endedOn } }`;
  const today = new Date().toISOString().slice(0, 10);
  const input = (pupilId: string) => ({ pupilId, enrolledOn: today, mentorName: 'E2E Mentor' });

  it.each(NON_ACTORS)('%s may not enrol', async (_, claims) => {
    const res = await as(claims, ENROL, { input: input(persistentlyAbsentPupils[0]!) });
    expect(res.data?.enrolInMentoring ?? null).toBeNull();
    expect(forbidden(res)).toBe(true);
  });

  it('lets the LA enrol a persistently absent pupil at one of its schools, once, and DfE end it', async () => {
    // The seed may have some of them in open cases already: the first who is not.
    type Enrolled = {
      enrolInMentoring: {
        id: string;
        mentorOrganisation: string;
        eligibility: { persistentlyAbsent: boolean };
      };
    };
    let res: Awaited<ReturnType<typeof as<Enrolled>>> | undefined;
    let pupilId = '';
    for (pupilId of persistentlyAbsentPupils) {
      res = await as<Enrolled>(MIDDLESBROUGH, ENROL, { input: input(pupilId) });
      if (!res.errors) break;
      expect(res.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    if (!res) throw new Error('no persistently absent pupil at the school');
    expect(res.errors).toBeUndefined();
    expect(res.data!.enrolInMentoring).toMatchObject({
      mentorOrganisation: "Barnardo's",
      eligibility: { persistentlyAbsent: true },
    });
    const again = await as(DFE, ENROL, { input: input(pupilId) });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'input.pupilId', message: expect.stringMatching(/open mentoring case/) }],
    });
    const caseId = res.data!.enrolInMentoring.id;
    for (const [, claims] of NON_ACTORS) {
      const refused = await as(claims, END, { input: { caseId, endedOn: today } });
      expect(forbidden(refused)).toBe(true);
    }
    const ended = await as<{ endMentoring: { endedOn: string } }>(DFE, END, {
      input: { caseId, endedOn: today },
    });
    expect(ended.data?.endMentoring.endedOn).toBe(today);
  });

  it('refuses a pupil who is not persistently absent, listing every problem', async () => {
    const res = await as(MIDDLESBROUGH, ENROL, {
      input: { pupilId: presentPupil, enrolledOn: 'soon', mentorName: '' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { path: 'input.mentorName', message: 'must not be blank' },
        { path: 'input.enrolledOn', message: expect.stringMatching(/real date/) },
      ],
    });
    const notAbsent = await as(MIDDLESBROUGH, ENROL, { input: input(presentPupil) });
    expect(notAbsent.errors?.[0]?.extensions).toMatchObject({
      problems: [{ path: 'input.pupilId', message: expect.stringMatching(/not persistently/) }],
    });
  });
});

describe('issuePenaltyNotices, recordPenaltyNoticePayment and withdrawPenaltyNotice', () => {
  const ISSUE = `mutation($notices: [IssuePenaltyNoticeInput!]!) { issuePenaltyNotices(notices: $notices) {
    id kind ordinal amountPounds reducedAmountPounds unauthorisedSessions status } }`;
  const PAY = `mutation($input: RecordPenaltyNoticePaymentInput!) { recordPenaltyNoticePayment(input: $input) {
    status amountPaidPounds } }`;
  const WITHDRAW = `mutation($input: WithdrawPenaltyNoticeInput!) { withdrawPenaltyNotice(input: $input) {
    status countsTowardsLimit } }`;
  const notice = (parentReference: string, kind = 'PENALTY_NOTICE', issuedOn = CANDIDATES_ON) => ({
    pupilId: candidatePupil,
    parentReference,
    kind,
    issuedOn,
  });
  const totalNotices = async () =>
    (
      await as<{ localAuthority: { penaltyNotices: { totalCount: number } } }>(
        DFE,
        `{ localAuthority(code: "806") { penaltyNotices(first: 1) { totalCount } } }`,
      )
    ).data!.localAuthority.penaltyNotices.totalCount;

  it.each(NON_ACTORS)('%s may not issue, pay or withdraw', async (_, claims) => {
    const res = await as(claims, ISSUE, { notices: [notice('e2e-refused')] });
    expect(res.data?.issuePenaltyNotices ?? null).toBeNull();
    expect(forbidden(res)).toBe(true);
  });

  it('lets the LA issue a first and then a flat £160 second, takes £80 within 21 days, and refuses a third', async () => {
    const [first] = (
      await as<{
        issuePenaltyNotices: {
          id: string;
          ordinal: string;
          amountPounds: number;
          reducedAmountPounds: number;
          unauthorisedSessions: number;
        }[];
      }>(MIDDLESBROUGH, ISSUE, { notices: [notice('e2e-parent-1')] })
    ).data!.issuePenaltyNotices;
    expect(first).toMatchObject({ ordinal: 'FIRST', amountPounds: 160, reducedAmountPounds: 80 });
    expect(first!.unauthorisedSessions).toBeGreaterThanOrEqual(10);

    for (const [, claims] of NON_ACTORS) {
      const refused = await as(claims, PAY, {
        input: { noticeId: first!.id, paidOn: '2026-07-24' },
      });
      expect(forbidden(refused)).toBe(true);
    }
    const paid = await as<{ recordPenaltyNoticePayment: { amountPaidPounds: number } }>(
      MIDDLESBROUGH,
      PAY,
      { input: { noticeId: first!.id, paidOn: '2026-07-24' } },
    );
    expect(paid.data?.recordPenaltyNoticePayment).toEqual({ status: 'PAID', amountPaidPounds: 80 });

    const second = await as<{
      issuePenaltyNotices: { ordinal: string; reducedAmountPounds: number | null }[];
    }>(DFE, ISSUE, { notices: [notice('e2e-parent-1')] });
    expect(second.data?.issuePenaltyNotices[0]).toMatchObject({
      ordinal: 'SECOND',
      reducedAmountPounds: null,
    });

    const third = await as(MIDDLESBROUGH, ISSUE, { notices: [notice('e2e-parent-1')] });
    expect(third.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'notices[0].kind', message: expect.stringMatching(/prosecution/) }],
    });
  });

  it('writes nothing when any notice in the batch is wrong, and says what is wrong with each', async () => {
    const before = await totalNotices();
    const res = await as(MIDDLESBROUGH, ISSUE, {
      notices: [notice('e2e-parent-2'), notice('', 'PENALTY_NOTICE', '2099-01-01')],
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { path: 'notices[1].parentReference', message: 'must not be blank' },
        { path: 'notices[1].issuedOn', message: '2099-01-01 is in the future' },
      ],
    });
    expect(await totalNotices()).toBe(before);
  });

  it('lets only the LA and DfE withdraw, after which the notice no longer counts', async () => {
    const issued = await as<{ issuePenaltyNotices: { id: string; kind: string }[] }>(DFE, ISSUE, {
      notices: [notice('e2e-parent-3', 'NOTICE_TO_IMPROVE')],
    });
    const id = issued.data!.issuePenaltyNotices[0]!.id;
    expect(issued.data!.issuePenaltyNotices[0]!.kind).toBe('NOTICE_TO_IMPROVE');
    for (const [, claims] of NON_ACTORS) {
      const refused = await as(claims, WITHDRAW, {
        input: { noticeId: id, withdrawnOn: CANDIDATES_ON, reason: 'x' },
      });
      expect(forbidden(refused)).toBe(true);
    }
    const withdrawn = await as<{
      withdrawPenaltyNotice: { status: string; countsTowardsLimit: boolean };
    }>(MIDDLESBROUGH, WITHDRAW, {
      input: { noticeId: id, withdrawnOn: CANDIDATES_ON, reason: 'sent in error' },
    });
    expect(withdrawn.data?.withdrawPenaltyNotice).toEqual({
      status: 'WITHDRAWN',
      countsTowardsLimit: false,
    });
  });
});
