import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { generateDemoInspections } from '@estate/inspections/src/seed/demo-inspections';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchoolProfileDocument } from '../../codegen/generated/graphql';
import { startTestGraph, type TestGraph } from '../support/graph';

const estate = generateDemoEstate();
const demo = generateDemoInspections(estate);
const { cases } = demo;
const inspected = new Set(demo.inspections.map((stored) => stored.inspection.urn));
const converted = estate.links
  .filter((link) => link.linkType === 'Predecessor')
  .filter((link) => inspected.has(link.urn) && inspected.has(link.linkedUrn))
  .map((link) => ({ urn: link.urn, predecessorUrn: link.linkedUrn }));

interface InspectionView {
  urn: number;
  isPredecessorInspection: boolean;
  inspectionDate: string;
  kind: string;
  overallEffectiveness?: number | null;
}

let graph: TestGraph;
let dfeToken: string;
beforeAll(async () => {
  graph = await startTestGraph('inspections_e2e');
  dfeToken = await graph.token({ role: 'DFE' });
});

/** As DfE, which may run any document; inspections themselves are public data. */
function query<T>(document: string, variables?: Record<string, unknown>) {
  return graph.query<T>(document, variables, { token: dfeToken });
}
afterAll(() => graph?.close());

const HISTORY = `query($urn: Int!) { school(urn: $urn) { urn predecessorUrns
  inspections { urn isPredecessorInspection inspectionDate kind ... on GradedInspection { overallEffectiveness } } } }`;

async function history(urn: number) {
  const result = await query<{
    school: { predecessorUrns: number[]; inspections: InspectionView[] };
  }>(HISTORY, { urn });
  expect(result.errors).toBeUndefined();
  return result.data!.school;
}

async function statusOn(urn: number, asOf: string) {
  const result = await query<{
    school: {
      interventionStatus: {
        eligible: boolean;
        rule: string;
        response: string | null;
        reason: string;
      };
    };
  }>(
    `query($urn: Int!, $asOf: Date) { school(urn: $urn) { interventionStatus(asOf: $asOf) { eligible rule response reason } } }`,
    { urn, asOf },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.school.interventionStatus;
}

describe('inspections through the gateway', () => {
  it('answers the SchoolProfile operation with inspections and intervention status', async () => {
    const academy = converted[0]!;
    const result = await query<{
      school: {
        inspections: InspectionView[];
        latestInspection: { inspectionDate: string } | null;
        interventionStatus: { eligible: boolean; reason: string };
      };
    }>(print(SchoolProfileDocument), { urn: academy.urn, year: '2025/26' });
    expect(result.errors).toBeUndefined();
    const school = result.data!.school;
    expect(school.inspections.length).toBeGreaterThan(0);
    expect(school.latestInspection?.inspectionDate).toBe(school.inspections[0]!.inspectionDate);
    expect(typeof school.interventionStatus.eligible).toBe('boolean');
    expect(school.interventionStatus.reason.length).toBeGreaterThan(10);
  });

  it("lists a converted school's history newest first with its predecessor's inspections marked", async () => {
    const academy = converted[0]!;
    const school = await history(academy.urn);
    expect(school.predecessorUrns).toEqual([academy.predecessorUrn]);
    const dates = school.inspections.map((i) => i.inspectionDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const inherited = school.inspections.filter((i) => i.isPredecessorInspection);
    expect(inherited.length).toBeGreaterThan(0);
    expect(inherited.every((i) => i.urn === academy.predecessorUrn)).toBe(true);
    expect(
      school.inspections
        .filter((i) => !i.isPredecessorInspection)
        .every((i) => i.urn === academy.urn),
    ).toBe(true);
  });

  it('does not follow the predecessor link once the school has two predecessors', async () => {
    const academy = converted[1]!;
    const otherPredecessor = converted[2]!.predecessorUrn;
    expect((await history(academy.urn)).inspections.some((i) => i.isPredecessorInspection)).toBe(
      true,
    );
    await graph.subgraphs
      .academies!.orm.em.getConnection()
      .execute(
        `insert into academies.school_link (urn, linked_urn, link_type, established_on) values (?, ?, 'Predecessor', '2019-09-01')`,
        [academy.urn, otherPredecessor],
      );
    const school = await history(academy.urn);
    expect(school.predecessorUrns).toHaveLength(2);
    expect(school.inspections.length).toBeGreaterThan(0);
    expect(school.inspections.some((i) => i.isPredecessorInspection)).toBe(false);
  });

  it('gives each intervention rule on the date it applies', async () => {
    expect(await statusOn(cases.twoRequiresImprovement, '2022-10-31')).toMatchObject({
      eligible: false,
    });
    expect(await statusOn(cases.twoRequiresImprovement, '2022-11-01')).toMatchObject({
      eligible: true,
      rule: 'TWO_REQUIRES_IMPROVEMENT_2022',
      response: 'INTERVENTION',
    });
    expect(await statusOn(cases.twoRequiresImprovement, '2024-11-01')).toMatchObject({
      eligible: true,
      rule: 'STUCK_SCHOOL_SUPPORT_2024',
      response: 'SUPPORT',
    });
    expect(await statusOn(cases.specialMeasures, '2024-04-09')).toMatchObject({
      eligible: true,
      rule: 'CATEGORY_OF_CONCERN',
      response: 'INTERVENTION',
    });
    expect(await statusOn(cases.reportCardNeedsAttention, '2026-03-10')).toMatchObject({
      eligible: true,
      rule: 'REPORT_CARD_STUCK_SCHOOL_PROPOSAL_2025',
      response: 'SUPPORT',
    });
    expect(await statusOn(cases.reportCardExpectedStandard, '2026-03-10')).toMatchObject({
      eligible: false,
    });
  });

  it('shows no headline grade for a graded inspection after 2 September 2024', async () => {
    const result = await query<{
      school: {
        latestGradedInspection: {
          inspectionDate: string;
          overallEffectiveness: number | null;
          overallEffectivenessLabel: string;
          judgements: { area: string; grade: number | null }[];
        };
      };
    }>(
      `query($urn: Int!) { school(urn: $urn) { latestGradedInspection {
         inspectionDate overallEffectiveness overallEffectivenessLabel judgements { area grade } } } }`,
      { urn: cases.seriousWeaknessesWithoutHeadlineGrade },
    );
    const graded = result.data!.school.latestGradedInspection;
    expect(graded.inspectionDate).toBe('2025-03-11');
    expect(graded.overallEffectiveness).toBeNull();
    expect(graded.overallEffectivenessLabel).toBe('Not available');
    expect(graded.judgements).toContainEqual({ area: 'LEADERSHIP_AND_MANAGEMENT', grade: 4 });
  });

  it('gives report cards their own five-point scale', async () => {
    const result = await query<{
      school: {
        latestInspection: {
          __typename: string;
          evaluations: { area: string; grade: string }[];
          safeguardingMet: boolean;
        };
      };
    }>(
      `query($urn: Int!) { school(urn: $urn) { latestInspection { __typename
         ... on ReportCardInspection { evaluations { area grade } safeguardingMet } } } }`,
      { urn: cases.reportCardNeedsAttention },
    );
    const card = result.data!.school.latestInspection;
    expect(card.__typename).toBe('ReportCardInspection');
    expect(card.evaluations).toContainEqual({
      area: 'LEADERSHIP_AND_GOVERNANCE',
      grade: 'NEEDS_ATTENTION',
    });
    expect(card.safeguardingMet).toBe(true);
  });

  it('resolves 50 schools with the same number of inspection statements as 1', async () => {
    const log = graph.subgraphs.inspections!.queryLog;
    const page = (first: number) =>
      query<{ schools: { edges: { node: { inspections: InspectionView[] | null } }[] } }>(
        `query($first: Int!) { schools(first: $first) { edges { node { urn
           inspections { inspectionDate } latestGradedInspection { overallEffectiveness }
           interventionStatus(asOf: "2025-01-31") { eligible } } } } }`,
        { first },
      );
    let fifty: Awaited<ReturnType<typeof page>> | undefined;
    const forOne = await log.countDuring(() => page(1));
    const forFifty = await log.countDuring(async () => {
      fifty = await page(50);
    });
    expect(fifty!.errors).toBeUndefined();
    expect(fifty!.data!.schools.edges).toHaveLength(50);
    expect(fifty!.data!.schools.edges.some((e) => (e.node.inspections ?? []).length > 0)).toBe(
      true,
    );
    expect(forOne).toBe(1);
    expect(forFifty).toBe(forOne);
  });

  it("counts a trust's schools on the date by their latest outcome", async () => {
    const on = '2025-06-01';
    const byTrust = new Map<string, number>();
    for (const m of estate.memberships) {
      if (m.joinedOn <= on && (m.leftOn === null || on < m.leftOn)) {
        byTrust.set(m.groupUid, (byTrust.get(m.groupUid) ?? 0) + 1);
      }
    }
    const [groupUid, members] = [...byTrust].sort((a, b) => b[1] - a[1])[0]!;
    const result = await query<{
      trust: {
        inspectionProfile: {
          schools: number;
          outcomes: { outcome: string; schools: number }[];
          goodOrOutstandingPupilPercentage: number | null;
        };
      };
      localAuthority: { inspectionProfile: { schools: number } };
    }>(
      `query($uid: ID!, $on: Date) {
         trust(groupUid: $uid) { inspectionProfile(on: $on) { schools outcomes { outcome schools } goodOrOutstandingPupilPercentage } }
         localAuthority(code: "806") { inspectionProfile(on: $on) { schools } } }`,
      { uid: groupUid, on },
    );
    expect(result.errors).toBeUndefined();
    const profile = result.data!.trust.inspectionProfile;
    expect(profile.schools).toBe(members);
    expect(profile.outcomes.reduce((sum, o) => sum + o.schools, 0)).toBe(members);
    expect(profile.goodOrOutstandingPupilPercentage).not.toBeNull();
    const openOnTheDate = estate.schools.filter(
      (s) =>
        s.laCode === '806' &&
        (s.openedOn === null || s.openedOn <= on) &&
        (s.closedOn === null || on <= s.closedOn),
    );
    expect(openOnTheDate.length).toBeLessThan(
      estate.schools.filter((s) => s.laCode === '806').length,
    );
    expect(result.data!.localAuthority.inspectionProfile.schools).toBe(openOnTheDate.length);
  });

  it('refuses a request to the inspections subgraph without the gateway signature', async () => {
    const response = await fetch(graph.subgraphs.inspections!.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ _entities(representations: [{ __typename: "School", urn: ${cases.specialMeasures}, predecessorUrns: [] }]) { ... on School { inspections { urn } } } }`,
      }),
    });
    expect(response.status).toBe(401);
  });
});
