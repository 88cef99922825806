import { upnCheckLetter } from '@estate/attendance/src/domain/upn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenClaims } from '@estate/gateway/src/auth/jwt';
import { type GraphQLResponse, startTestGraph, type TestGraph } from '../support/graph';

/**
 * Every role against teacher-level data and every mutation, through the gateway, each cell
 * asserting allow or deny. Pupil-level data has its own matrix in attendance.e2e.test.ts.
 * 136330 (Middlesbrough, 806) left trust 2489 for trust 2305 on 1 September 2025; 2100123 and
 * 2100124 teach there.
 */
const SCHOOL = 136330;
const TEACHER = '2100123';

type Viewer = [name: string, claims: TokenClaims | null];
const VIEWERS: Record<string, Viewer> = {
  dfe: ['DFE', { role: 'DFE' }],
  laIn: ['LA in area', { role: 'LA', laCode: '806' }],
  laOut: ['LA out of area', { role: 'LA', laCode: '202' }],
  trustNow: ['TRUST running it', { role: 'TRUST', groupUid: '2305' }],
  trustFormer: ['TRUST that ran it before', { role: 'TRUST', groupUid: '2489' }],
  trustOther: ['TRUST never', { role: 'TRUST', groupUid: '2601' }],
  schoolOwn: ['SCHOOL itself', { role: 'SCHOOL', urn: SCHOOL }],
  schoolOther: ['SCHOOL other', { role: 'SCHOOL', urn: 111000 }],
  vendorAuthorised: ['MIS_VENDOR authorised', { role: 'MIS_VENDOR', vendorId: 'arbor' }],
  vendorNot: ['MIS_VENDOR not authorised', { role: 'MIS_VENDOR', vendorId: 'nobody' }],
  teacherSelf: ['TEACHER self', { role: 'TEACHER', trn: TEACHER }],
  teacherOther: ['TEACHER other', { role: 'TEACHER', trn: '2100124' }],
  public: ['PUBLIC', null],
};

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph('authorization_matrix');
});
afterAll(() => graph?.close());

async function ask(viewer: Viewer, query: string, variables: Record<string, unknown> = {}) {
  const token = viewer[1] ? await graph.token(viewer[1]) : undefined;
  return graph.query(query, variables, token ? { token } : {});
}

/** Refused means FORBIDDEN, or a register batch naming a URN the caller may not write. */
function refused(res: GraphQLResponse): boolean {
  return (res.errors ?? []).some(
    (error) =>
      error.extensions?.code === 'FORBIDDEN' ||
      (error.extensions?.code === 'BAD_USER_INPUT' &&
        (error.extensions.problems as { path: string }[] | undefined)?.some(
          (p) => p.path === 'urn',
        )),
  );
}

function cells(allowed: (keyof typeof VIEWERS)[]): [string, Viewer, boolean][] {
  return Object.entries(VIEWERS).map(([key, viewer]) => [
    viewer[0],
    viewer,
    allowed.includes(key as keyof typeof VIEWERS),
  ]);
}

describe('a teacher’s record, by root field', () => {
  it.each(cells(['dfe', 'laIn', 'trustNow', 'schoolOwn', 'teacherSelf']))(
    '%s: allowed %s',
    async (_name, viewer, allowed) => {
      const res = await ask(
        viewer,
        `{ teacher(trn: "${TEACHER}") { trn name premiumClaims { academicYear } } }`,
      );
      expect(refused(res)).toBe(!allowed);
      const teacher = (res.data as { teacher: { trn: string } | null } | null)?.teacher ?? null;
      expect(teacher?.trn ?? null).toBe(allowed ? TEACHER : null);
    },
  );
});

describe('a school’s eligible teachers, through the School entity', () => {
  it.each(cells(['dfe', 'laIn', 'trustNow', 'schoolOwn']))(
    '%s: allowed %s',
    async (_n, viewer, allowed) => {
      const res = await ask(
        viewer,
        `{ school(urn: ${SCHOOL}) { name premiumEligibleTeachers(academicYear: "2025/26") { trn } } }`,
      );
      const school = (
        res.data as { school: { name: string; premiumEligibleTeachers: unknown[] | null } }
      ).school;
      expect(school.name).toBeTruthy();
      expect(refused(res)).toBe(!allowed);
      expect(school.premiumEligibleTeachers === null).toBe(!allowed);
    },
  );
});

describe('mutations', () => {
  it.each(cells(['dfe']))('upsertTeachers — %s: allowed %s', async (_n, viewer, allowed) => {
    const res = await ask(viewer, `mutation { upsertTeachers(input: []) { __typename } }`);
    expect(refused(res)).toBe(!allowed);
  });

  it.each(cells(['dfe']))('uploadPremiumAwards — %s: allowed %s', async (_n, viewer, allowed) => {
    const res = await ask(
      viewer,
      `mutation ($csv: String!) { uploadPremiumAwards(csv: $csv, academicYear: "2026/27") { __typename } }`,
      { csv: `school_urn,award_amount\n${SCHOOL},6000\n` },
    );
    expect(refused(res)).toBe(!allowed);
  });

  it.each(cells(['dfe', 'teacherSelf']))(
    'submitPremiumClaim — %s: allowed %s',
    async (_n, viewer, allowed) => {
      const res = await ask(
        viewer,
        `mutation { submitPremiumClaim(trn: "${TEACHER}", urn: ${SCHOOL}, academicYear: "2026/27") { refusalReason } }`,
      );
      expect(refused(res)).toBe(!allowed);
    },
  );

  it.each(cells(['schoolOwn', 'vendorAuthorised']))(
    'submitRegister — %s: allowed %s',
    async (name, viewer, allowed) => {
      const body =
        `8062${String(Object.values(VIEWERS).findIndex((v) => v[0] === name) + 10).padStart(2, '0')}000001`.slice(
          0,
          12,
        );
      const upn = `${upnCheckLetter(body)}${body}`;
      const res = await ask(
        viewer,
        `mutation ($input: SubmitRegisterInput!) { submitRegister(input: $input) { inserted } }`,
        {
          input: {
            urn: SCHOOL,
            pupils: [
              {
                upn,
                dateOfBirth: '2016-03-01',
                yearGroup: 4,
                sex: 'F',
                freeSchoolMeals: false,
                senStatus: 'N',
                englishAsAdditionalLanguage: false,
                admittedOn: '2025-09-01',
              },
            ],
            marks: [{ upn, date: '2025-10-07', session: 'PM', code: '\\' }],
          },
        },
      );
      expect(refused(res)).toBe(!allowed);
      if (allowed) expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      if (allowed) expect(res.data).toEqual({ submitRegister: { inserted: 1 } });
    },
  );
});
