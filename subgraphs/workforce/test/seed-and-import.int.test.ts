import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AcademicYear } from '@estate/subgraph-kit';
import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwardLists } from '../src/domain/award-list';
import { assessmentDateFor, premiumEligibility } from '../src/domain/premium-eligibility';
import { DEFAULT_PREMIUM_POLICY_YEARS, premiumClaimYears } from '../src/domain/premium-policy';
import { importPremiumAwards } from '../src/index';
import { generateDemoWorkforce } from '../src/seed/demo-workforce';
import { hasTeachers, seedDemo } from '../src/seed/seed';
import { DFE, ok, startWorkforce, type TestWorkforce } from './support';

const REAL_2022_23 = join(
  __dirname,
  '../../../../shared/data/real/claim-additional-payments-for-teaching/lup_school_awards_2022_to_2023.csv',
);

let wf: TestWorkforce;
beforeAll(async () => {
  wf = await startWorkforce('workforce_seed', { WORKFORCE_TODAY: '2026-12-03' });
});
afterAll(() => wf?.close());

describe('the demo workforce', () => {
  const demo = generateDemoWorkforce();
  const middlesbrough = new Set(
    generateDemoEstate()
      .schools.filter((s) => s.laCode === '806')
      .map((s) => s.urn),
  );

  it('is the same on every run', () => {
    expect(JSON.stringify(generateDemoWorkforce())).toBe(JSON.stringify(demo));
  });

  it('has award lists for every policy year, Middlesbrough’s schools mostly on them', () => {
    expect(demo.awardLists.map((list) => list.academicYear.label)).toEqual(
      premiumClaimYears(DEFAULT_PREMIUM_POLICY_YEARS).map((year) => year.label),
    );
    for (const list of demo.awardLists) {
      const listed = [...list.awardPoundsByUrn.keys()].filter((urn) => middlesbrough.has(urn));
      expect(listed.length).toBeGreaterThan(30);
      const max = Math.max(...list.awardPoundsByUrn.values());
      expect(max).toBe(list.academicYear.startYear >= 2024 ? 6000 : 3000);
    }
  });

  it('staffs Middlesbrough with teachers for every outcome over the policy years', () => {
    const lists = AwardLists.of(...demo.awardLists);
    const outcomes = new Set<string>();
    const staff = demo.teachers.filter((t) => t.employment.some((s) => middlesbrough.has(s.urn)));
    for (const year of premiumClaimYears(DEFAULT_PREMIUM_POLICY_YEARS).concat(
      AcademicYear.of(2027),
    )) {
      for (const teacher of staff) {
        const decision = premiumEligibility(teacher, year, {
          policyYears: DEFAULT_PREMIUM_POLICY_YEARS,
          awards: lists,
          asOf: assessmentDateFor(year, '2026-12-03'),
        });
        outcomes.add(decision.eligible ? 'eligible' : (decision.reason ?? 'eligible_later'));
      }
    }
    expect([...outcomes].sort()).toEqual(
      [
        'eligible',
        'eligible_later',
        'policy_closed',
        'not_employed_at_school',
        'school_ineligible',
        'supply_teacher_contract_ineligible',
        'poor_performance',
        'ineligible_cohort',
        'insufficient_teaching',
        'subject_and_degree_ineligible',
        'trainee_in_last_policy_year',
      ].sort(),
    );
    expect(staff.length).toBeGreaterThan(200);
  });

  it('seeds the database once, with its claims and top-ups, readable through the API', async () => {
    expect(await hasTeachers(wf.orm)).toBe(false);
    await seedDemo(wf.orm);
    expect(await hasTeachers(wf.orm)).toBe(true);
    const claimed = demo.claims.find((claim) =>
      demo.topUps.some((topUp) => topUp.trn === claim.trn),
    )!;
    const data = ok(
      await wf.run<{
        teacher: { premiumClaims: { academicYear: string; totalAmountPounds: number }[] };
      }>(
        DFE,
        `query ($trn: String!) { teacher(trn: $trn) { premiumClaims { academicYear totalAmountPounds } } }`,
        {
          trn: claimed.trn,
        },
      ),
    );
    expect(data.teacher.premiumClaims).toContainEqual({
      academicYear: '2023/24',
      totalAmountPounds: claimed.awardAmountPounds + 500,
    });
  });
});

describe.runIf(existsSync(REAL_2022_23))('importing the real 2022/23 list', () => {
  it('reproduces its 2,767 schools by amount, and a second import replaces rather than adds', async () => {
    const expected = [
      { awardAmountPounds: 1500, schools: 568 },
      { awardAmountPounds: 2000, schools: 1259 },
      { awardAmountPounds: 2500, schools: 335 },
      { awardAmountPounds: 3000, schools: 605 },
    ];
    const first = await importPremiumAwards(wf.orm, REAL_2022_23, '2022/23');
    expect(first).toMatchObject({ schoolsWritten: 2767, schoolsByAmount: expected });
    const second = await importPremiumAwards(wf.orm, REAL_2022_23, AcademicYear.parse('2022/23'));
    expect(second).toMatchObject({ schoolsWritten: 2767, topUpsCreated: 0 });
    const [row] = await wf.orm.em
      .getConnection()
      .execute<{ n: string }[]>(
        'select count(*) as n from workforce.premium_award where academic_year = 2022',
      );
    expect(Number(row?.n)).toBe(2767);
    const awards = ok(
      await wf.run<{ _entities: { urn: number; premiumAward: number }[] }>(
        DFE,
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { urn premiumAward(academicYear: "2022/23") } } }`,
        { reps: [100006, 100053, 148830, 148790].map((urn) => ({ __typename: 'School', urn })) },
      ),
    );
    expect(awards._entities.map((e) => e.premiumAward)).toEqual([2000, 1500, 2500, 3000]);
  });
});
