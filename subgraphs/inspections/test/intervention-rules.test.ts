import { describe, expect, it } from 'vitest';
import {
  categoryOfConcernRule,
  reportCardStuckSchoolProposal2025,
  stuckSchoolSupport2024,
  twoRequiresImprovement2022,
} from '../src/domain/intervention-rules';
import {
  INTERVENTION_RULES,
  interventionStatus,
  rulesInForceOn,
} from '../src/domain/intervention-status';
import { graded, inCategory, reportCard, ungraded } from './inspection-factories';

const TODAY = '2026-06-01';

describe('categoryOfConcernRule', () => {
  it('finds a school in special measures eligible for intervention', () => {
    const outcome = categoryOfConcernRule(
      [graded('2019-01-10', 2), inCategory('2022-03-01', 'specialMeasures')],
      TODAY,
    );
    expect(outcome).toMatchObject({ eligible: true, response: 'intervention' });
    expect(outcome.reason).toMatch(
      /special measures: a maintained school must be issued a directive academy order/,
    );
  });

  it('finds serious weaknesses (requires significant improvement) eligible, including after headline grades ended', () => {
    const outcome = categoryOfConcernRule([inCategory('2025-01-15', 'seriousWeaknesses')], TODAY);
    expect(outcome.eligible).toBe(true);
    expect(outcome.reason).toMatch(/requires significant improvement/);
  });

  it('finds a category on a report card', () => {
    const card = reportCard(
      '2025-12-01',
      { leadershipAndGovernance: 'urgentImprovement' },
      { categoryOfConcern: 'specialMeasures' },
    );
    expect(categoryOfConcernRule([card], TODAY).eligible).toBe(true);
  });

  it('does not count the pre-2012 notice to improve', () => {
    const outcome = categoryOfConcernRule([inCategory('2011-05-01', 'noticeToImprove')], TODAY);
    expect(outcome.eligible).toBe(false);
    expect(outcome.reason).toMatch(/notice to improve/);
  });

  it('lets a later full inspection out of the category', () => {
    expect(
      categoryOfConcernRule(
        [inCategory('2019-01-10', 'specialMeasures'), graded('2021-03-01', 3)],
        TODAY,
      ).eligible,
    ).toBe(false);
  });

  it('ignores a category whose report is not yet published on the date asked', () => {
    const inspection = inCategory('2023-03-01', 'specialMeasures', {
      publicationDate: '2023-04-20',
    });
    expect(categoryOfConcernRule([inspection], '2023-04-19').eligible).toBe(false);
    expect(categoryOfConcernRule([inspection], '2023-04-20').eligible).toBe(true);
  });
});

describe('twoRequiresImprovement2022', () => {
  it('finds requires improvement after requires improvement eligible for intervention', () => {
    const outcome = twoRequiresImprovement2022(
      [graded('2018-03-01', 3), graded('2022-05-10', 3)],
      TODAY,
    );
    expect(outcome).toMatchObject({ eligible: true, response: 'intervention' });
    expect(outcome.reason).toBe(
      'Requires improvement at the latest graded inspection (2022-05-10) and Requires improvement at the previous one (2018-03-01): eligible for intervention under the 2022 "2RI" policy, at the Regional Director\'s discretion',
    );
  });

  it('counts Inadequate and pre-2012 Satisfactory as below Good at the previous inspection', () => {
    expect(
      twoRequiresImprovement2022([graded('2017-03-01', 4), graded('2022-05-10', 3)], TODAY)
        .eligible,
    ).toBe(true);
    const outcome = twoRequiresImprovement2022(
      [graded('2011-03-01', 3), graded('2014-05-10', 3)],
      TODAY,
    );
    expect(outcome.reason).toMatch(/Satisfactory at the previous one/);
  });

  it('does not find requires improvement after Good eligible', () => {
    const outcome = twoRequiresImprovement2022(
      [graded('2018-03-01', 2), graded('2022-05-10', 3)],
      TODAY,
    );
    expect(outcome.eligible).toBe(false);
    expect(outcome.reason).toMatch(/but Good at the previous one/);
  });

  it('does not find Inadequate now eligible under this rule (the category rule covers it)', () => {
    expect(
      twoRequiresImprovement2022([graded('2018-03-01', 3), graded('2022-05-10', 4)], TODAY)
        .eligible,
    ).toBe(false);
  });

  it('reads through ungraded visits to the graded inspections', () => {
    const history = [
      graded('2017-03-01', 3),
      ungraded('2019-01-01'),
      graded('2022-05-10', 3),
      ungraded('2023-01-01'),
    ];
    expect(twoRequiresImprovement2022(history, TODAY).eligible).toBe(true);
  });

  it('needs a previous graded inspection', () => {
    const outcome = twoRequiresImprovement2022([graded('2022-05-10', 3)], TODAY);
    expect(outcome.eligible).toBe(false);
    expect(outcome.reason).toMatch(/no earlier graded inspection/);
  });
});

describe('stuckSchoolSupport2024', () => {
  it('finds a 2RI school eligible for support but not for an academy order', () => {
    const outcome = stuckSchoolSupport2024(
      [graded('2019-03-01', 3), graded('2023-05-10', 3)],
      TODAY,
    );
    expect(outcome).toMatchObject({ eligible: true, response: 'support' });
    expect(outcome.reason).toMatch(/not for an academy order/);
  });

  it('does not derive requires improvement from sub-judgements when the latest graded inspection has no headline grade', () => {
    const history = [
      graded('2019-03-01', 3),
      graded('2022-05-10', 3),
      graded('2025-02-03', null, {
        subJudgements: { qualityOfEducation: 3, leadershipAndManagement: 3 },
      }),
    ];
    const outcome = stuckSchoolSupport2024(history, TODAY);
    expect(outcome.eligible).toBe(false);
    expect(outcome.reason).toMatch(
      /latest graded inspection \(2025-02-03\) has no overall effectiveness grade/,
    );
  });

  it('leaves a school whose latest full inspection is a report card to the report-card rule', () => {
    const history = [
      graded('2019-03-01', 3),
      graded('2023-05-10', 3),
      reportCard('2026-01-12', { leadershipAndGovernance: 'strongStandard' }),
    ];
    expect(stuckSchoolSupport2024(history, TODAY)).toMatchObject({
      eligible: false,
      applies: false,
    });
  });
});

describe('reportCardStuckSchoolProposal2025 (proposal-level)', () => {
  it('finds needs attention in leadership and governance after a below-Good graded inspection eligible for support', () => {
    const history = [
      graded('2022-03-01', 3),
      reportCard('2026-01-12', { leadershipAndGovernance: 'needsAttention' }),
    ];
    const outcome = reportCardStuckSchoolProposal2025(history, TODAY);
    expect(outcome).toMatchObject({ eligible: true, response: 'support' });
    expect(outcome.reason).toMatch(
      /Requires improvement at the previous graded inspection \(2022-03-01\).*proposal-level/,
    );
  });

  it('does not find it eligible after a Good inspection', () => {
    const history = [
      graded('2022-03-01', 2),
      reportCard('2026-01-12', { leadershipAndGovernance: 'needsAttention' }),
    ];
    expect(reportCardStuckSchoolProposal2025(history, TODAY).eligible).toBe(false);
  });

  it('does not find expected standard in leadership and governance eligible', () => {
    const history = [
      graded('2022-03-01', 4),
      reportCard('2026-01-12', { leadershipAndGovernance: 'expectedStandard' }),
    ];
    expect(reportCardStuckSchoolProposal2025(history, TODAY).eligible).toBe(false);
  });

  it('treats a previous report card below the expected standard in leadership as the equivalent of below Good', () => {
    const history = [
      reportCard('2025-11-20', { leadershipAndGovernance: 'needsAttention' }),
      reportCard('2027-12-01', { leadershipAndGovernance: 'needsAttention' }),
    ];
    expect(reportCardStuckSchoolProposal2025(history, '2028-03-01').eligible).toBe(true);
  });

  it('cannot tell, and so does not find eligible, when the previous inspection has no headline grade', () => {
    const history = [
      graded('2025-01-10', null),
      reportCard('2026-01-12', { leadershipAndGovernance: 'needsAttention' }),
    ];
    const outcome = reportCardStuckSchoolProposal2025(history, TODAY);
    expect(outcome.eligible).toBe(false);
    expect(outcome.reason).toMatch(/none is derived from sub-judgements/);
  });
});

describe('rules in force', () => {
  it('assesses only the category of concern before 1 September 2022', () => {
    expect(rulesInForceOn('2022-08-31')).toEqual(['categoryOfConcern']);
  });

  it('adds 2RI on 1 September 2022', () => {
    expect(rulesInForceOn('2022-09-01')).toEqual([
      'categoryOfConcern',
      'twoRequiresImprovement2022',
    ]);
  });

  it('replaces 2RI with stuck-school support on 1 November 2024, when "Support and intervention in schools" was published', () => {
    expect(rulesInForceOn('2024-10-31')).toContain('twoRequiresImprovement2022');
    expect(rulesInForceOn('2024-11-01')).toEqual(['categoryOfConcern', 'stuckSchoolSupport2024']);
  });

  it('adds the report-card rule on 10 November 2025', () => {
    expect(rulesInForceOn('2025-11-09')).not.toContain('reportCardStuckSchoolProposal2025');
    expect(rulesInForceOn('2025-11-10')).toContain('reportCardStuckSchoolProposal2025');
  });

  it('marks the report-card rule as a proposal and the category rule as statute', () => {
    expect(INTERVENTION_RULES.reportCardStuckSchoolProposal2025.standing).toBe('proposal');
    expect(INTERVENTION_RULES.reportCardStuckSchoolProposal2025.name).toMatch(/proposal-level/);
    expect(INTERVENTION_RULES.categoryOfConcern.standing).toBe('statutory');
  });
});

describe('interventionStatus', () => {
  const twoRequiresImprovement = [graded('2018-01-15', 3), graded('2021-11-10', 3)];

  it('does not apply 2RI on 31 August 2022 and does on 1 September 2022', () => {
    expect(interventionStatus(twoRequiresImprovement, '2022-08-31')).toMatchObject({
      eligible: false,
      rule: 'categoryOfConcern',
    });
    expect(interventionStatus(twoRequiresImprovement, '2022-09-01')).toMatchObject({
      eligible: true,
      rule: 'twoRequiresImprovement2022',
      response: 'intervention',
      standing: 'policy',
    });
  });

  it('turns the same history into support only from 1 November 2024', () => {
    expect(interventionStatus(twoRequiresImprovement, '2024-10-31')).toMatchObject({
      rule: 'twoRequiresImprovement2022',
      response: 'intervention',
    });
    expect(interventionStatus(twoRequiresImprovement, '2024-11-01')).toMatchObject({
      eligible: true,
      rule: 'stuckSchoolSupport2024',
      response: 'support',
    });
  });

  it('reads a report card by the report-card rule from 10 November 2025', () => {
    const history = [
      graded('2022-03-01', 3),
      reportCard(
        '2025-11-10',
        { leadershipAndGovernance: 'needsAttention' },
        { publicationDate: '2025-11-10' },
      ),
    ];
    expect(interventionStatus(history, '2025-11-10')).toMatchObject({
      eligible: true,
      rule: 'reportCardStuckSchoolProposal2025',
      standing: 'proposal',
    });
  });

  it('keeps applying the stuck-school rule after November 2025 to a school not yet given a report card', () => {
    expect(interventionStatus(twoRequiresImprovement, '2026-01-05')).toMatchObject({
      eligible: true,
      rule: 'stuckSchoolSupport2024',
    });
  });

  it('puts a category of concern first in every era', () => {
    const history = [graded('2015-01-15', 3), inCategory('2021-11-10', 'seriousWeaknesses')];
    for (const asOf of ['2022-01-01', '2023-01-01', '2025-01-01', '2026-01-01']) {
      expect(interventionStatus(history, asOf)).toMatchObject({
        eligible: true,
        rule: 'categoryOfConcern',
      });
    }
  });

  it('explains a school that is not eligible in words, rule by rule', () => {
    const status = interventionStatus(
      [graded('2018-01-15', 2), graded('2023-01-10', 3)],
      '2023-06-01',
    );
    expect(status).toMatchObject({
      eligible: false,
      rule: 'twoRequiresImprovement2022',
      response: null,
    });
    expect(status.reason).toBe(
      'not eligible. Category of concern: the latest full inspection (2023-01-10) placed the school in no category of concern; 2RI (2022): Requires improvement at the latest graded inspection (2023-01-10) but Good at the previous one (2018-01-15)',
    );
  });

  it('names the report-card rule when a school with a report card is not eligible', () => {
    const status = interventionStatus(
      [reportCard('2025-12-01', { leadershipAndGovernance: 'strongStandard' })],
      TODAY,
    );
    expect(status).toMatchObject({ eligible: false, rule: 'reportCardStuckSchoolProposal2025' });
  });

  it('refuses a date that is not a real ISO date', () => {
    expect(() => interventionStatus([], '2024-02-30')).toThrow(/asOf must be a real date/);
  });
});
