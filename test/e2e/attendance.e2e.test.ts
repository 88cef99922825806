import { signViewer, type Viewer } from '@estate/subgraph-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenClaims } from '@estate/gateway/src/auth/jwt';
import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { upnCheckLetter } from '@estate/attendance/src/domain/upn';
import { postGraphQL, startTestGraph, TEST_ENV, type TestGraph } from '../support/graph';

/**
 * Who sees what in the attendance subgraph, through the gateway (reliability.md §3 items 18–19):
 * Brambles Farm Primary Academy (136330) is in Middlesbrough (806), was run by trust 2489 until
 * 1 September 2025 and by trust 2305 since; Ayresome (136339) is another 2305 school.
 */
const OWN = 136330;
const OTHER = 136339;
const ON = '2025-10-01';

let graph: TestGraph;
let pupilId: string;

beforeAll(async () => {
  graph = await startTestGraph('attendance');
  const token = await graph.token({ role: 'DFE' });
  const res = await graph.query<{ school: { pupils: { edges: { node: { id: string } }[] } } }>(
    `query($urn: Int!) { school(urn: $urn) { pupils(first: 1, on: "${ON}") { edges { node { id } } } } }`,
    { urn: OWN },
    { token },
  );
  pupilId = res.data!.school.pupils.edges[0]!.node.id;
});
afterAll(() => graph?.close());

type Claims = TokenClaims | null;
const tokenFor = (claims: Claims) => (claims ? graph.token(claims) : Promise.resolve(undefined));

const MATRIX: [string, Claims, boolean][] = [
  ['SCHOOL, its own school', { role: 'SCHOOL', urn: OWN }, true],
  ['SCHOOL, another school', { role: 'SCHOOL', urn: OTHER }, false],
  ['TRUST running the school', { role: 'TRUST', groupUid: '2305' }, true],
  ['TRUST running other schools', { role: 'TRUST', groupUid: '2132' }, false],
  ['TRUST that ran it before', { role: 'TRUST', groupUid: '2489' }, false],
  ['LA of its area', { role: 'LA', laCode: '806' }, true],
  ['LA of another area', { role: 'LA', laCode: '805' }, false],
  ['DFE', { role: 'DFE' }, true],
  ['PUBLIC', null, false],
  ['MIS_VENDOR', { role: 'MIS_VENDOR', vendorId: 'arbor' }, false],
];

const PUPIL_FIELDS = `id upn freeSchoolMeals senStatus dateOfBirth
  marks(academicYear: "2025/26", to: "2025-09-30") { date session code }
  attendance(academicYear: "2025/26") { possibleSessions overallAbsenceRate }`;

function forbidden(res: { errors?: { extensions?: Record<string, unknown> }[] }): boolean {
  return (res.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN');
}

describe('role × resource matrix through the gateway', () => {
  it.each(MATRIX)(
    '%s: School.pupils with marks, attendance, FSM and SEN',
    async (_, claims, allowed) => {
      const res = await graph.query<{
        school: { pupils: { totalCount: number; edges: unknown[] } | null };
      }>(
        `query($urn: Int!) { school(urn: $urn) { urn pupils(first: 3, on: "${ON}") { totalCount edges { node { ${PUPIL_FIELDS} } } } } }`,
        { urn: OWN },
        { token: await tokenFor(claims) },
      );
      if (allowed) {
        expect(res.errors).toBeUndefined();
        expect(res.data?.school.pupils?.totalCount).toBeGreaterThan(10);
        expect(res.data?.school.pupils?.edges).toHaveLength(3);
      } else {
        expect(res.data?.school.pupils).toBeNull();
        expect(forbidden(res)).toBe(true);
        expect(JSON.stringify(res)).not.toMatch(/[A-Z]\d{12}/);
      }
    },
  );

  it.each(MATRIX)(
    '%s: a pupil by id, and an unknown id, answer alike when out of scope',
    async (_, claims, allowed) => {
      const token = await tokenFor(claims);
      const res = await graph.query<{ pupil: { upn: string } | null }>(
        `query($id: ID!) { pupil(id: $id) { ${PUPIL_FIELDS} } }`,
        { id: pupilId },
        { token },
      );
      const unknown = await graph.query(
        `query($id: ID!) { pupil(id: $id) { id } }`,
        {
          id: '00000000-0000-4000-8000-000000000000',
        },
        { token },
      );
      expect(forbidden(unknown)).toBe(true);
      if (allowed) {
        expect(res.errors).toBeUndefined();
        expect(res.data?.pupil?.upn).toMatch(/^[A-Z]\d{12}$/);
      } else {
        expect(res.data?.pupil).toBeNull();
        expect(res.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
      }
    },
  );

  it.each(MATRIX)(
    '%s: school aggregates, suppressed unless the viewer may see the pupils',
    async (_, claims, allowed) => {
      const res = await graph.query<{
        school: {
          attendance: {
            possibleSessions: number | null;
            suppressedFields: string[];
            suppression: string | null;
            reasons: { sessions: number | null; suppression: string | null }[];
          };
        };
      }>(
        `query($urn: Int!) { school(urn: $urn) { attendance(academicYear: "2025/26", to: "2025-09-12", group: { yearGroup: 3 }) {
        possibleSessions suppressedFields suppression reasons { sessions suppression } } } }`,
        { urn: OWN },
        { token: await tokenFor(claims) },
      );
      expect(res.errors).toBeUndefined();
      const summary = res.data!.school.attendance;
      expect(summary.possibleSessions).toBeGreaterThan(0);
      if (allowed) {
        expect(summary.suppressedFields).toEqual([]);
      } else {
        expect(summary.suppression).toBe('c');
        expect(summary.suppressedFields.length).toBeGreaterThan(0);
        const published = summary.reasons.map((r) => r.sessions).filter((n) => n !== null);
        expect(published.filter((n) => n! >= 1 && n! <= 4)).toEqual([]);
      }
    },
  );
});

/** A viewer as the gateway resolves it, scope included, for calling the subgraph's entity path. */
const ENTITY_VIEWERS: [string, Viewer, boolean][] = [
  ['SCHOOL, its own school', { role: 'SCHOOL', urn: OWN }, true],
  ['SCHOOL, another school', { role: 'SCHOOL', urn: OTHER }, false],
  [
    'TRUST running the school',
    { role: 'TRUST', groupUid: '2305', schools: [{ urn: OWN, from: '2025-09-01', until: null }] },
    true,
  ],
  [
    'TRUST that ran it before',
    {
      role: 'TRUST',
      groupUid: '2489',
      schools: [{ urn: OWN, from: '2015-04-01', until: '2025-09-01' }],
    },
    false,
  ],
  [
    'LA of its area',
    { role: 'LA', laCode: '806', schools: [{ urn: OWN, from: null, until: null }] },
    true,
  ],
  ['LA of another area', { role: 'LA', laCode: '805', schools: [] }, false],
  ['DFE', { role: 'DFE' }, true],
  ['PUBLIC', { role: 'PUBLIC' }, false],
  ['MIS_VENDOR', { role: 'MIS_VENDOR', vendorId: 'arbor' }, false],
];

describe('the same matrix through _entities', () => {
  const entities = (headers: Record<string, string>) =>
    postGraphQL<{ _entities: ({ upn: string } | null)[] }>(
      graph.subgraphs.attendance!.server.url,
      {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { upn freeSchoolMeals } } }`,
        variables: { r: [{ __typename: 'Pupil', id: pupilId }] },
      },
      headers,
    );

  it.each(ENTITY_VIEWERS)('%s', async (_, viewer, allowed) => {
    const res = await entities(signViewer(viewer, TEST_ENV.GATEWAY_SECRET));
    if (allowed) {
      expect(res.errors).toBeUndefined();
      expect(res.data?._entities[0]?.upn).toMatch(/^[A-Z]\d{12}$/);
    } else {
      expect(res.data?._entities[0]).toBeNull();
      expect(forbidden(res)).toBe(true);
    }
  });

  it('refuses a request that does not come through the gateway', async () => {
    const res = await entities({});
    expect(res.status).toBe(401);
    expect(res.data?._entities).toBeUndefined();
  });
});

describe('trust and LA figures', () => {
  const TRUST_ATTENDANCE = `query($uid: ID!, $year: AcademicYear!) { trust(groupUid: $uid) { attendance(academicYear: $year) { possibleSessions schools } } }`;
  const SCHOOL_POSSIBLE = `query($urn: Int!) { school(urn: $urn) { attendance(academicYear: "2025/26") { possibleSessions } } }`;

  it('counts a school for the trust that ran it on each day', async () => {
    const token = await graph.token({ role: 'DFE' });
    const possibleOf = async (urn: number) =>
      (
        await graph.query<{ school: { attendance: { possibleSessions: number } } }>(
          SCHOOL_POSSIBLE,
          { urn },
          { token },
        )
      ).data!.school.attendance.possibleSessions;
    const current = await graph.query<{
      trust: { attendance: { possibleSessions: number; schools: number } };
    }>(TRUST_ATTENDANCE, { uid: '2305', year: '2025/26' }, { token });
    expect(current.errors).toBeUndefined();
    expect(current.data!.trust.attendance.possibleSessions).toBe(
      (await possibleOf(OWN)) + (await possibleOf(OTHER)),
    );
    const former = await graph.query<{
      trust: { attendance: { possibleSessions: number; schools: number } };
    }>(TRUST_ATTENDANCE, { uid: '2489', year: '2025/26' }, { token });
    expect(former.data!.trust.attendance).toEqual({ possibleSessions: 0, schools: 0 });

    // A July 2025 register for the school counts for the trust that ran it then, not its new one.
    const schoolToken = await graph.token({ role: 'SCHOOL', urn: OWN });
    const body = '806200125999';
    const upn = `${upnCheckLetter(body)}${body}`;
    const submitted = await graph.query(
      `mutation($input: SubmitRegisterInput!) { submitRegister(input: $input) { inserted } }`,
      {
        input: {
          urn: OWN,
          pupils: [
            {
              upn,
              dateOfBirth: '2016-01-10',
              yearGroup: 4,
              sex: 'F',
              freeSchoolMeals: false,
              senStatus: 'N',
              englishAsAdditionalLanguage: false,
              admittedOn: '2025-07-01',
            },
          ],
          marks: [
            { upn, date: '2025-07-14', session: 'AM', code: '/' },
            { upn, date: '2025-07-14', session: 'PM', code: 'I' },
          ],
        },
      },
      { token: schoolToken },
    );
    expect(submitted.errors).toBeUndefined();
    const then = await graph.query<{ trust: { attendance: { possibleSessions: number } } }>(
      TRUST_ATTENDANCE,
      { uid: '2489', year: '2024/25' },
      { token },
    );
    expect(then.data!.trust.attendance.possibleSessions).toBe(2);
    const notYet = await graph.query<{ trust: { attendance: { possibleSessions: number } } }>(
      TRUST_ATTENDANCE,
      { uid: '2305', year: '2024/25' },
      { token },
    );
    expect(notYet.data!.trust.attendance.possibleSessions).toBe(0);
  });

  it("sums an LA's schools and withholds a single-school trust's figures from the public", async () => {
    const la = await graph.query<{
      localAuthority: { attendance: { schools: number; possibleSessions: number } };
    }>(
      `{ localAuthority(code: "806") { attendance(academicYear: "2025/26") { schools possibleSessions } } }`,
      {},
      { token: await graph.token({ role: 'LA', laCode: '806' }) },
    );
    expect(la.errors).toBeUndefined();
    // Every open school in the area: those with pupil registers and those with rollups only.
    const openInArea = generateDemoEstate().schools.filter(
      (school) =>
        school.laCode === '806' && !school.closedOn && [0, 2, 4, 7].includes(school.phaseCode),
    );
    expect(la.data!.localAuthority.attendance.schools).toBe(openInArea.length);
    const single = await graph.query<{
      trust: { attendance: { possibleSessions: number | null; suppression: string } };
    }>(TRUST_ATTENDANCE, { uid: '2639', year: '2025/26' });
    expect(single.data!.trust.attendance).toEqual({ possibleSessions: null, schools: 1 });
  });

  it('answers the SchoolProfile query with attendance', async () => {
    const document = readFileSync(
      join(__dirname, '../../codegen/operations/SchoolProfile.graphql'),
      'utf8',
    );
    const res = await graph.query<{
      school: { attendance: { possibleSessions: number; overallAbsenceRate: number } };
    }>(document, { urn: OWN, year: '2025/26' });
    expect(res.data?.school.attendance.possibleSessions).toBeGreaterThan(1000);
    expect(res.data?.school.attendance.overallAbsenceRate).toBeGreaterThan(2);
    expect(res.data?.school.attendance.overallAbsenceRate).toBeLessThan(15);
  });
});

describe('MIS vendor writes', () => {
  const SUBMIT = `mutation($input: SubmitRegisterInput!) { submitRegister(input: $input) { submissionId inserted unchanged } }`;
  const body = '806200125777';
  const upn = `${upnCheckLetter(body)}${body}`;
  const input = (urn: number) => ({
    urn,
    idempotencyKey: `vendor-test-${urn}`,
    pupils: [
      {
        upn,
        dateOfBirth: '2016-01-10',
        yearGroup: 4,
        sex: 'M',
        freeSchoolMeals: true,
        senStatus: 'K',
        englishAsAdditionalLanguage: false,
        admittedOn: '2025-09-01',
      },
    ],
    marks: [{ upn, date: '2025-10-06', session: 'AM', code: 'N' }],
  });

  it('writes only for schools that authorised the vendor, and reads back only its own submissions', async () => {
    const arbor = await graph.token({ role: 'MIS_VENDOR', vendorId: 'arbor' });
    const accepted = await graph.query<{
      submitRegister: { submissionId: string; inserted: number };
    }>(SUBMIT, { input: input(OWN) }, { token: arbor });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.submitRegister.inserted).toBe(1);

    const refused = await graph.query(SUBMIT, { input: input(136240) }, { token: arbor });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'urn' }],
    });

    const anonymous = await graph.query(SUBMIT, { input: input(OWN) });
    expect(forbidden(anonymous)).toBe(true);

    const RECEIPT = `query($id: ID!) { registerSubmission(id: $id) { submissionId inserted } }`;
    const id = accepted.data!.submitRegister.submissionId;
    const own = await graph.query(RECEIPT, { id }, { token: arbor });
    expect(own.data).toEqual({ registerSubmission: { submissionId: id, inserted: 1 } });
    const other = await graph.query(
      RECEIPT,
      { id },
      { token: await graph.token({ role: 'MIS_VENDOR', vendorId: 'sims' }) },
    );
    expect(other.data?.registerSubmission).toBeNull();
    expect(forbidden(other)).toBe(true);
  });
});

describe('penalty notice candidates', () => {
  const CANDIDATES = `query($urn: Int!) { school(urn: $urn) { penaltyNoticeCandidates(asOf: "2026-07-17") {
    unauthorisedSessions windowFrom pupil { id } countingSessions { date code } } } }`;

  it.each(MATRIX)('%s', async (_, claims, allowedOnThatDate) => {
    const res = await graph.query<{
      school: {
        penaltyNoticeCandidates:
          { unauthorisedSessions: number; countingSessions: unknown[] }[] | null;
      };
    }>(CANDIDATES, { urn: OWN }, { token: await tokenFor(claims) });
    // On 17 July 2026 trust 2305 ran the school, so the matrix is the same as in October 2025.
    if (allowedOnThatDate) {
      expect(res.errors).toBeUndefined();
      const list = res.data!.school.penaltyNoticeCandidates!;
      expect(list.length).toBeGreaterThan(0);
      expect(
        list.every(
          (c) =>
            c.unauthorisedSessions >= 10 && c.countingSessions.length === c.unauthorisedSessions,
        ),
      ).toBe(true);
    } else {
      expect(res.data?.school.penaltyNoticeCandidates).toBeNull();
      expect(forbidden(res)).toBe(true);
    }
  });
});
