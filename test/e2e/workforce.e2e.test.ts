import { AcademicYear, signViewer, type Viewer } from '@estate/subgraph-kit';
import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { AwardLists } from '@estate/workforce/src/domain/award-list';
import { premiumEligibility } from '@estate/workforce/src/domain/premium-eligibility';
import { DEFAULT_PREMIUM_POLICY_YEARS } from '@estate/workforce/src/domain/premium-policy';
import { generateDemoWorkforce } from '@estate/workforce/src/seed/demo-workforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestGraph, TEST_ENV, type TestGraph } from '../support/graph';

/**
 * The workforce subgraph through the gateway on the demo estate. A finished year is used so that
 * the answers do not move with the calendar: 2025/26 is assessed on its last day.
 */
const YEAR = '2025/26';
const ASSESSED_ON = '2026-08-31';

const estate = generateDemoEstate();
const workforce = generateDemoWorkforce();
const awards = AwardLists.of(...workforce.awardLists);

interface Expected {
  trn: string;
  name: string;
  subject: string;
  awardAmountPounds: number;
}

/** What the domain says a school's eligible staff are, worked out here without SQL. */
function expectedStaff(urn: number): Expected[] {
  return workforce.teachers
    .flatMap((teacher) => {
      const decision = premiumEligibility(teacher, AcademicYear.parse(YEAR), {
        policyYears: DEFAULT_PREMIUM_POLICY_YEARS,
        awards,
        asOf: ASSESSED_ON,
        urn,
      });
      return decision.eligible
        ? [
            {
              trn: teacher.trn,
              name: teacher.name,
              subject: decision.subject!.toUpperCase(),
              awardAmountPounds: decision.awardAmountPounds!,
            },
          ]
        : [];
    })
    .sort((a, b) => a.trn.localeCompare(b.trn));
}

const isMember = (m: { joinedOn: string; leftOn: string | null }, on: string) =>
  m.joinedOn <= on && (m.leftOn === null || m.leftOn > on);

const middlesbroughOpen = estate.schools.filter((s) => s.laCode === '806' && s.statusCode === 1);
/** A Middlesbrough academy with eligible staff, in a trust on the assessment date. */
const academy = middlesbroughOpen.find(
  (s) =>
    expectedStaff(s.urn).length >= 2 &&
    estate.memberships.some((m) => m.urn === s.urn && isMember(m, ASSESSED_ON)),
)!;
const academyTrust = estate.memberships.find(
  (m) => m.urn === academy.urn && isMember(m, ASSESSED_ON),
)!.groupUid;
const otherTrust = estate.trusts.find(
  (t) => !estate.memberships.some((m) => m.groupUid === t.groupUid && m.urn === academy.urn),
)!.groupUid;
const otherSchool = middlesbroughOpen.find(
  (s) => s.urn !== academy.urn && expectedStaff(s.urn).length >= 1,
)!;
const staffOf = (urn: number) =>
  workforce.teachers.find((t) => t.employment.some((spell) => spell.urn === urn))!.trn;

const PROFILE = `query ($urn: Int!, $year: AcademicYear!) {
  school(urn: $urn) {
    urn name
    premiumAward(academicYear: $year)
    premiumEligibleTeachers(academicYear: $year) { trn name subject awardAmountPounds }
  }
}`;

interface ProfileData {
  school: {
    urn: number;
    name: string;
    premiumAward: number | null;
    premiumEligibleTeachers: Expected[] | null;
  };
}

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph('workforce');
});
afterAll(() => graph?.close());

async function profile(viewer: Parameters<TestGraph['token']>[0] | null, urn = academy.urn) {
  const token = viewer ? await graph.token(viewer) : undefined;
  return graph.query<ProfileData>(PROFILE, { urn, year: YEAR }, { token });
}

describe('School.premiumEligibleTeachers through the gateway', () => {
  it('gives the school its eligible staff with subject and award, as the domain decides', async () => {
    const res = await profile({ role: 'SCHOOL', urn: academy.urn });
    expect(res.errors).toBeUndefined();
    expect(res.data?.school.premiumEligibleTeachers).toEqual(expectedStaff(academy.urn));
    expect(res.data?.school.premiumAward).toBe(
      awards.awardPoundsFor(academy.urn, AcademicYear.parse(YEAR)),
    );
  });

  it('refuses another school, keeping the rest of the profile', async () => {
    const res = await profile({ role: 'SCHOOL', urn: otherSchool.urn });
    expect(res.data?.school).toMatchObject({ urn: academy.urn, name: academy.name });
    expect(res.data?.school.premiumEligibleTeachers).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      path: ['school', 'premiumEligibleTeachers'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('shows the public the published award but no teacher', async () => {
    const res = await profile(null);
    expect(res.data?.school.premiumAward).toBeGreaterThan(0);
    expect(res.data?.school.premiumEligibleTeachers).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows the LA its area’s schools, learnt from academies, and refuses another LA', async () => {
    const own = await profile({ role: 'LA', laCode: '806' });
    expect(own.data?.school.premiumEligibleTeachers).toEqual(expectedStaff(academy.urn));
    const other = await profile({ role: 'LA', laCode: '805' });
    expect(other.data?.school.premiumEligibleTeachers).toBeNull();
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows the trust running the school, and refuses another trust', async () => {
    const own = await profile({ role: 'TRUST', groupUid: academyTrust });
    expect(own.data?.school.premiumEligibleTeachers).toEqual(expectedStaff(academy.urn));
    const other = await profile({ role: 'TRUST', groupUid: otherTrust });
    expect(other.data?.school.premiumEligibleTeachers).toBeNull();
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('loads 30 schools’ staff in as many workforce statements as 10 schools’', async () => {
    const token = await graph.token({ role: 'DFE' });
    const query = `query ($first: Int!, $year: AcademicYear!) {
      localAuthority(code: "806") {
        schools(first: $first) { edges { node { urn premiumEligibleTeachers(academicYear: $year) { trn } } } }
      }
    }`;
    const { queryLog } = graph.subgraphs.workforce!;
    const listedFor = async (first: number) => {
      const res = await graph.query<{
        localAuthority: { schools: { edges: { node: { premiumEligibleTeachers: unknown[] } }[] } };
      }>(query, { first, year: YEAR }, { token });
      expect(res.errors).toBeUndefined();
      return res.data!.localAuthority.schools.edges.reduce(
        (sum, edge) => sum + edge.node.premiumEligibleTeachers.length,
        0,
      );
    };
    let few = 0;
    let many = 0;
    const ten = await queryLog.countDuring(async () => {
      few = await listedFor(10);
    });
    const thirty = await queryLog.countDuring(async () => {
      many = await listedFor(30);
    });
    expect(few).toBeGreaterThan(0);
    expect(many).toBeGreaterThan(few);
    expect(thirty).toBeLessThanOrEqual(6);
    expect(thirty).toBe(ten);
  });
});

describe('Teacher through the gateway', () => {
  const TEACHER = `query ($trn: String!, $year: AcademicYear!) {
    teacher(trn: $trn) { trn name premiumEligibility(academicYear: $year) { eligible reason } premiumClaims { academicYear } }
  }`;
  const own = staffOf(academy.urn);
  const other = staffOf(otherSchool.urn);

  it('shows teachers their own record and claims, and nobody else’s', async () => {
    const token = await graph.token({ role: 'TEACHER', trn: own });
    const mine = await graph.query<{ teacher: { trn: string } }>(
      TEACHER,
      { trn: own, year: YEAR },
      { token },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.teacher.trn).toBe(own);
    const theirs = await graph.query(TEACHER, { trn: other, year: YEAR }, { token });
    expect(theirs.data?.teacher).toBeNull();
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('never shows the public a teacher', async () => {
    const res = await graph.query(TEACHER, { trn: own, year: YEAR });
    expect(res.data?.teacher).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses _entities for a teacher out of the caller’s scope, even with a signed viewer', async () => {
    const url = graph.subgraphs.workforce!.server.url;
    const viewer: Viewer = { role: 'SCHOOL', urn: academy.urn };
    const body = {
      query: `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Teacher { trn name } } }`,
      variables: {
        reps: [
          { __typename: 'Teacher', trn: own },
          { __typename: 'Teacher', trn: other },
        ],
      },
    };
    const res = await postGraphQL<{ _entities: ({ trn: string } | null)[] }>(
      url,
      body,
      signViewer(viewer, TEST_ENV.GATEWAY_SECRET),
    );
    expect(res.data?._entities[0]?.trn).toBe(own);
    expect(res.data?._entities[1]).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      path: ['_entities', 1],
      extensions: { code: 'FORBIDDEN' },
    });
    const unsigned = await postGraphQL(url, body);
    expect(unsigned.status).toBe(401);
  });
});

describe('trust and LA premium totals', () => {
  const TOTALS = `query ($year: AcademicYear!) {
    localAuthority(code: "806") { premiumTotals(academicYear: $year) { eligibleTeachers totalAwardPounds marker } }
  }`;
  const expectedLa = () => {
    const byTrn = new Map<string, number>();
    for (const school of estate.schools.filter((s) => s.laCode === '806')) {
      for (const t of expectedStaff(school.urn)) {
        byTrn.set(t.trn, Math.max(byTrn.get(t.trn) ?? 0, t.awardAmountPounds));
      }
    }
    return {
      eligibleTeachers: byTrn.size,
      totalAwardPounds: [...byTrn.values()].reduce((a, b) => a + b, 0),
      marker: null,
    };
  };

  it('sums an LA’s eligible teachers and awards over the schools academies says it has', async () => {
    const token = await graph.token({ role: 'LA', laCode: '806' });
    const res = await graph.query<{ localAuthority: { premiumTotals: unknown } }>(
      TOTALS,
      { year: YEAR },
      { token },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.localAuthority.premiumTotals).toEqual(expectedLa());
  });

  it('withholds a small trust’s totals from the public but not from the trust', async () => {
    const query = `query ($uid: ID!, $year: AcademicYear!) {
      trust(groupUid: $uid) { premiumTotals(academicYear: $year) { eligibleTeachers totalAwardPounds schoolsWithEligibleTeachers marker } }
    }`;
    const uid = academyTrust;
    const asPublic = await graph.query<{ trust: { premiumTotals: Record<string, unknown> } }>(
      query,
      {
        uid,
        year: YEAR,
      },
    );
    const token = await graph.token({ role: 'TRUST', groupUid: uid });
    const asTrust = await graph.query<{ trust: { premiumTotals: Record<string, unknown> } }>(
      query,
      { uid, year: YEAR },
      { token },
    );
    const exact = asTrust.data!.trust.premiumTotals;
    expect(exact.eligibleTeachers).toBeGreaterThanOrEqual(2);
    expect(exact.marker).toBeNull();
    const small =
      (exact.eligibleTeachers as number) < 5 || (exact.schoolsWithEligibleTeachers as number) < 2;
    expect(asPublic.data!.trust.premiumTotals).toEqual(
      small ? { ...exact, eligibleTeachers: null, totalAwardPounds: null, marker: 'c' } : exact,
    );
  });
});
