import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradedInspection } from '../src/domain/inspection';
import { generateDemoInspections } from '../src/seed/demo-inspections';
import { startInspectionsSubgraph, type SubgraphUnderTest } from './support';

const estate = generateDemoEstate();
const demo = generateDemoInspections(estate);
const { cases } = demo;
const urnsWithInspections = new Set(demo.inspections.map((stored) => stored.inspection.urn));

/** Converted academies whose own URN and whose predecessor's both have inspections. */
const converted = estate.links
  .filter((link) => link.linkType === 'Predecessor')
  .filter((link) => urnsWithInspections.has(link.urn) && urnsWithInspections.has(link.linkedUrn))
  .map((link) => ({ urn: link.urn, predecessorUrn: link.linkedUrn }));

/** A school made up for boundary tests, away from the demo estate's URNs. */
const TWO_RI_BEFORE_2022 = 990001;

const SCHOOL_FIELDS = `
  urn
  inspections {
    urn isPredecessorInspection inspectionDate kind publicationDate categoryOfConcern
    ... on GradedInspection { overallEffectiveness overallEffectivenessLabel judgements { area code grade label } }
    ... on ReportCardInspection { evaluations { area grade label } safeguardingMet }
  }
  latestInspection { kind inspectionDate }
  latestGradedInspection { inspectionDate overallEffectiveness }
`;

interface InspectionView {
  urn: number;
  isPredecessorInspection: boolean;
  inspectionDate: string;
  kind: string;
  overallEffectiveness?: number | null;
  overallEffectivenessLabel?: string;
  evaluations?: { area: string; grade: string }[];
}

interface SchoolView {
  urn: number;
  inspections: InspectionView[];
  latestInspection: { kind: string; inspectionDate: string } | null;
  latestGradedInspection: { inspectionDate: string; overallEffectiveness: number | null } | null;
  interventionStatus?: Status;
}

interface Status {
  eligible: boolean;
  rule: string;
  response: string | null;
  reason: string;
  rulesInForce: string[];
}

let subgraph: SubgraphUnderTest;

beforeAll(async () => {
  subgraph = await startInspectionsSubgraph('inspections_int');
  await subgraph.add([
    gradedInspection({
      kind: 'graded',
      urn: TWO_RI_BEFORE_2022,
      startDate: '2018-03-06',
      publicationDate: '2018-04-10',
      overallEffectiveness: 3,
    }),
    gradedInspection({
      kind: 'graded',
      urn: TWO_RI_BEFORE_2022,
      startDate: '2021-11-09',
      publicationDate: '2021-12-14',
      overallEffectiveness: 3,
    }),
  ]);
});
afterAll(() => subgraph?.close());

async function schools(
  representations: { urn: number; predecessorUrns: number[] }[],
  fields = SCHOOL_FIELDS,
): Promise<SchoolView[]> {
  const result = await subgraph.query<{ _entities: SchoolView[] }>(
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on School { ${fields} } } }`,
    { representations: representations.map((r) => ({ __typename: 'School', ...r })) },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

async function statusOn(urn: number, asOf: string, predecessorUrns: number[] = []) {
  const [school] = await schools(
    [{ urn, predecessorUrns }],
    `urn interventionStatus(asOf: "${asOf}") { eligible rule response reason rulesInForce }`,
  );
  return school!.interventionStatus!;
}

describe('a school’s history across URNs', () => {
  it('lists the predecessor’s inspections, marked, after the school’s own, newest first', async () => {
    const academy = converted[0]!;
    const [school] = await schools([
      { urn: academy.urn, predecessorUrns: [academy.predecessorUrn] },
    ]);
    const dates = school!.inspections.map((i) => i.inspectionDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const own = school!.inspections.filter((i) => i.urn === academy.urn);
    const inherited = school!.inspections.filter((i) => i.urn === academy.predecessorUrn);
    expect(own.length).toBeGreaterThan(0);
    expect(inherited.length).toBeGreaterThan(0);
    expect(own.every((i) => !i.isPredecessorInspection)).toBe(true);
    expect(inherited.every((i) => i.isPredecessorInspection)).toBe(true);
  });

  it('does not follow a predecessor link when the school has two predecessors (a merger)', async () => {
    const academy = converted[0]!;
    const other = converted[1]!.predecessorUrn;
    const [school] = await schools([
      { urn: academy.urn, predecessorUrns: [academy.predecessorUrn, other] },
    ]);
    expect(school!.inspections.length).toBeGreaterThan(0);
    expect(school!.inspections.every((i) => i.urn === academy.urn)).toBe(true);
  });

  it('answers _entities for 100 schools with their predecessors in one SQL statement, as for 1', async () => {
    const withPredecessors = converted.map((c) => ({
      urn: c.urn,
      predecessorUrns: [c.predecessorUrn],
    }));
    const others = [...urnsWithInspections]
      .filter((urn) => !withPredecessors.some((s) => s.urn === urn))
      .map((urn) => ({ urn, predecessorUrns: [] }));
    const batch = [...withPredecessors, ...others].slice(0, 100);
    const fields = `${SCHOOL_FIELDS} interventionStatus(asOf: "2025-01-31") { eligible rule }`;
    const one = await subgraph.queryLog.countDuring(() => schools(batch.slice(0, 1), fields));
    let answered: SchoolView[] = [];
    const many = await subgraph.queryLog.countDuring(async () => {
      answered = await schools(batch, fields);
    });
    expect(batch.length).toBe(100);
    expect(withPredecessors.length).toBeGreaterThan(30);
    expect(answered).toHaveLength(batch.length);
    expect(answered.map((s) => s.urn)).toEqual(batch.map((s) => s.urn));
    expect(one).toBe(1);
    expect(many).toBe(1);
  });
});

describe('headline grades and report cards', () => {
  it('gives no overall effectiveness grade to any inspection from 2 September 2024', async () => {
    const all = await schools(
      [...urnsWithInspections].slice(0, 400).map((urn) => ({ urn, predecessorUrns: [] })),
    );
    const recentGraded = all
      .flatMap((s) => s.inspections)
      .filter((i) => i.kind === 'GRADED' && i.inspectionDate >= '2024-09-02');
    expect(recentGraded.length).toBeGreaterThan(0);
    for (const inspection of recentGraded) {
      expect(inspection.overallEffectiveness).toBeNull();
      expect(inspection.overallEffectivenessLabel).toBe('Not available');
    }
  });

  it('refuses to store a headline grade dated 2 September 2024', async () => {
    await expect(
      subgraph.orm.em.getConnection().execute(
        `insert into inspections.inspection (urn, kind, start_date, inspection_date, overall_effectiveness, source)
           values (990002, 'graded', '2024-09-02', '2024-09-02', 2, 'test')`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('keeps report cards on their own scale, apart from the latest graded inspection', async () => {
    const [school] = await schools([
      { urn: cases.reportCardExpectedStandard, predecessorUrns: [] },
    ]);
    const [latest, graded] = school!.inspections;
    expect(latest).toMatchObject({ kind: 'REPORT_CARD', inspectionDate: '2025-11-18' });
    expect(latest!.overallEffectiveness).toBeUndefined();
    expect(latest!.evaluations).toContainEqual({
      area: 'PERSONAL_DEVELOPMENT_AND_WELLBEING',
      grade: 'EXCEPTIONAL',
      label: 'Exceptional',
    });
    expect(graded).toMatchObject({ kind: 'GRADED', overallEffectiveness: 2 });
    expect(school!.latestInspection).toEqual({ kind: 'REPORT_CARD', inspectionDate: '2025-11-18' });
    expect(school!.latestGradedInspection).toEqual({
      inspectionDate: '2021-10-05',
      overallEffectiveness: 2,
    });
  });

  it('has no overallEffectiveness field on a report card', async () => {
    const result = await subgraph.query(
      `{ _entities(representations: [{ __typename: "School", urn: ${cases.reportCardExpectedStandard}, predecessorUrns: [] }]) {
          ... on School { latestInspection { ... on ReportCardInspection { overallEffectiveness } } } } }`,
    );
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.message).toMatch(/overallEffectiveness/);
  });
});

describe('intervention status by the rule in force on the date asked', () => {
  it('applies only the category of concern before 1 September 2022, and 2RI from that day', async () => {
    const before = await statusOn(TWO_RI_BEFORE_2022, '2022-08-31');
    expect(before).toMatchObject({ eligible: false, rulesInForce: ['CATEGORY_OF_CONCERN'] });
    const from = await statusOn(TWO_RI_BEFORE_2022, '2022-09-01');
    expect(from).toMatchObject({
      eligible: true,
      rule: 'TWO_REQUIRES_IMPROVEMENT_2022',
      response: 'INTERVENTION',
    });
    expect(from.reason).toMatch(
      /Requires improvement at the latest graded inspection \(2021-11-09\)/,
    );
  });

  it('counts the second RI from the day its report is published', async () => {
    const school = cases.twoRequiresImprovement;
    expect(await statusOn(school, '2022-10-31')).toMatchObject({ eligible: false });
    expect(await statusOn(school, '2022-11-01')).toMatchObject({
      eligible: true,
      rule: 'TWO_REQUIRES_IMPROVEMENT_2022',
    });
  });

  it('offers a 2RI school support, not intervention, from 1 November 2024', async () => {
    const school = cases.twoRequiresImprovement;
    expect(await statusOn(school, '2024-10-31')).toMatchObject({
      rule: 'TWO_REQUIRES_IMPROVEMENT_2022',
      response: 'INTERVENTION',
    });
    expect(await statusOn(school, '2024-11-01')).toMatchObject({
      eligible: true,
      rule: 'STUCK_SCHOOL_SUPPORT_2024',
      response: 'SUPPORT',
    });
  });

  it('makes a school in special measures eligible from the publication of its report', async () => {
    const school = cases.specialMeasures;
    expect(await statusOn(school, '2024-04-08')).toMatchObject({ eligible: false });
    const status = await statusOn(school, '2024-04-09');
    expect(status).toMatchObject({ eligible: true, rule: 'CATEGORY_OF_CONCERN' });
    expect(status.reason).toMatch(/special measures/);
  });

  it('reads a category of concern given without a headline grade after September 2024', async () => {
    const status = await statusOn(cases.seriousWeaknessesWithoutHeadlineGrade, '2025-06-01');
    expect(status).toMatchObject({ eligible: true, rule: 'CATEGORY_OF_CONCERN' });
    expect(status.reason).toMatch(/serious weaknesses/);
  });

  it('applies the report-card proposal from the report card’s publication', async () => {
    const school = cases.reportCardNeedsAttention;
    expect(await statusOn(school, '2026-03-09')).toMatchObject({
      eligible: true,
      rule: 'STUCK_SCHOOL_SUPPORT_2024',
    });
    const status = await statusOn(school, '2026-03-10');
    expect(status).toMatchObject({
      eligible: true,
      rule: 'REPORT_CARD_STUCK_SCHOOL_PROPOSAL_2025',
      response: 'SUPPORT',
    });
    expect(status.reason).toMatch(/leadership and governance "Needs attention"/);
  });
});

describe('trust and local authority profiles', () => {
  const spans = [
    { urn: cases.specialMeasures, joinedOn: '2020-01-01', leftOn: '2023-09-01' },
    { urn: cases.twoRequiresImprovement, joinedOn: '2023-09-01', leftOn: null },
  ];
  const trustQuery = (on: string) =>
    subgraph.query<{
      _entities: {
        inspectionProfile: {
          schools: number;
          outcomes: { outcome: string; schools: number }[];
          goodOrOutstandingPupilPercentage: number | null;
        };
        inspectionsSinceJoining: {
          schoolUrn: number;
          period: string;
          inspection: { inspectionDate: string };
        }[];
      }[];
    }>(
      `query($reps: [_Any!]!, $on: Date) { _entities(representations: $reps) { ... on Trust {
          inspectionProfile(on: $on) { schools outcomes { outcome schools } goodOrOutstandingPupilPercentage }
          inspectionsSinceJoining(on: $on) { schoolUrn period inspection { inspectionDate } } } } }`,
      { reps: [{ __typename: 'Trust', groupUid: '9999', membershipSpans: spans }], on },
    );
  const count = (outcomes: { outcome: string; schools: number }[], outcome: string) =>
    outcomes.find((o) => o.outcome === outcome)?.schools;

  it('counts the schools a trust ran on the date by their latest grade then', async () => {
    const early = (await trustQuery('2022-06-01')).data!._entities[0]!;
    expect(early.inspectionProfile.schools).toBe(1);
    expect(count(early.inspectionProfile.outcomes, 'GOOD')).toBe(1);
    expect(early.inspectionProfile.goodOrOutstandingPupilPercentage).toBe(100);

    const late = (await trustQuery('2024-06-01')).data!._entities[0]!;
    expect(late.inspectionProfile.schools).toBe(1);
    expect(count(late.inspectionProfile.outcomes, 'GOOD')).toBe(0);
    expect(count(late.inspectionProfile.outcomes, 'REQUIRES_IMPROVEMENT')).toBe(1);
    expect(late.inspectionProfile.goodOrOutstandingPupilPercentage).toBe(0);
  });

  it('tags each member’s inspections before or after it joined', async () => {
    const trust = (await trustQuery('2022-06-01')).data!._entities[0]!;
    expect(
      trust.inspectionsSinceJoining.map((i) => [i.inspection.inspectionDate, i.period]),
    ).toEqual([
      ['2021-11-23', 'AFTER_JOINING'],
      ['2017-01-17', 'BEFORE_JOINING'],
    ]);
  });

  it('counts the LA’s schools open on the date by outcome, report cards apart', async () => {
    const result = await subgraph.query<{
      _entities: {
        inspectionProfile: { schools: number; outcomes: { outcome: string; schools: number }[] };
      }[];
    }>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on LocalAuthority {
          inspectionProfile(on: "2026-06-01") { schools outcomes { outcome schools } } } } }`,
      {
        reps: [
          {
            __typename: 'LocalAuthority',
            code: '806',
            schoolSpans: [
              ...Object.values(cases).map((urn) => ({ urn, openedOn: null, closedOn: null })),
              // Closed before the date: a converted school's predecessor is not counted again.
              { urn: 111000, openedOn: '1990-09-01', closedOn: '2012-12-31' },
            ],
          },
        ],
      },
    );
    const profile = result.data!._entities[0]!.inspectionProfile;
    expect(profile.schools).toBe(5);
    expect(count(profile.outcomes, 'INADEQUATE')).toBe(1);
    expect(count(profile.outcomes, 'REQUIRES_IMPROVEMENT')).toBe(1);
    expect(count(profile.outcomes, 'NO_HEADLINE_GRADE')).toBe(1);
    expect(count(profile.outcomes, 'REPORT_CARD_BELOW_EXPECTED_STANDARD')).toBe(1);
    expect(count(profile.outcomes, 'REPORT_CARD_EXPECTED_STANDARD_OR_ABOVE')).toBe(1);
  });
});

describe('gateway signature', () => {
  it('refuses a request without the gateway’s signature with 401', async () => {
    const response = await fetch(subgraph.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    expect(response.status).toBe(401);
  });
});

it('seeds the demo history with report cards only from 10 November 2025', () => {
  const cards = demo.inspections.filter((s) => s.inspection.kind === 'reportCard');
  expect(cards.length).toBeGreaterThan(0);
  expect(cards.every((s) => s.inspection.startDate! >= '2025-11-10')).toBe(true);
});
