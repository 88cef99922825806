import { describe, expect, it } from 'vitest';
import { consecutiveBelowGood } from '../src/domain/grade-history';
import { gradeLabel, subJudgementLabel } from '../src/domain/grades';
import {
  gradedInspection,
  inspectionDate,
  isReportCard,
  knownOn,
  latestFullInspection,
  latestGradedInspection,
  latestInspection,
  overallEffectivenessWording,
} from '../src/domain/inspection';
import {
  isBelowExpectedStandard,
  parseReportCardGrade,
  reportCardGradeLabel,
} from '../src/domain/report-card';
import { SCHOOL_URN, graded, reportCard, ungraded } from './inspection-factories';

describe('single headline grades', () => {
  it('accepts an overall effectiveness grade on 1 September 2024, the last day they were given', () => {
    expect(graded('2024-09-01', 2).overallEffectiveness).toBe(2);
  });

  it('refuses an overall effectiveness grade on 2 September 2024 and after', () => {
    expect(() => graded('2024-09-02', 2)).toThrow(/single headline grades ended/);
    expect(() => graded('2025-03-10', 3)).toThrow(/single headline grades ended/);
  });

  it('keeps sub-judgements on a graded inspection after 2 September 2024, with no headline grade', () => {
    const inspection = graded('2024-10-01', null, {
      subJudgements: { qualityOfEducation: 3, sixthFormProvision: 'doesNotApply' },
    });
    expect(inspection.overallEffectiveness).toBeNull();
    expect(inspection.subJudgements).toEqual({
      qualityOfEducation: 3,
      sixthFormProvision: 'doesNotApply',
    });
  });

  it('shows "Not available" rather than a grade derived from sub-judgements', () => {
    const inspection = graded('2024-09-02', null, { subJudgements: { qualityOfEducation: 1 } });
    expect(overallEffectivenessWording(inspection)).toBe('Not available');
    expect(overallEffectivenessWording(graded('2024-09-01', 3))).toBe('Requires improvement');
  });

  it('refuses a headline grade on an ungraded visit', () => {
    expect(() =>
      gradedInspection({
        kind: 'ungraded',
        urn: SCHOOL_URN,
        startDate: '2019-01-10',
        publicationDate: null,
        overallEffectiveness: 2,
      }),
    ).toThrow(/ungraded inspection .* gives no overall effectiveness/);
  });

  it('dates an inspection by its publication when the source has no start date', () => {
    const inspection = graded('2019-12-01', 3, { startDate: null, publicationDate: '2019-12-12' });
    expect(inspectionDate(inspection)).toBe('2019-12-12');
  });
});

describe('grade wording', () => {
  it('calls grade 3 Satisfactory until 31 August 2012 and Requires improvement from 1 September 2012', () => {
    expect(gradeLabel(3, '2012-08-31')).toBe('Satisfactory');
    expect(gradeLabel(3, '2012-09-01')).toBe('Requires improvement');
  });

  it("words Ofsted's extra sub-judgement values", () => {
    expect(subJudgementLabel('insufficientEvidence', '2020-01-01')).toBe('Insufficient evidence');
    expect(subJudgementLabel('doesNotApply', '2020-01-01')).toBe('Does not apply');
    expect(subJudgementLabel('notJudged', '2020-01-01')).toBe('Not judged');
    expect(subJudgementLabel(4, '2020-01-01')).toBe('Inadequate');
  });
});

describe('report cards', () => {
  it('begin on 10 November 2025 and not a day earlier', () => {
    expect(reportCard('2025-11-10', { inclusion: 'strongStandard' }).kind).toBe('reportCard');
    expect(() => reportCard('2025-11-09', { inclusion: 'strongStandard' })).toThrow(
      /10 November 2025/,
    );
  });

  it('carry the five-point scale and never a four-point grade', () => {
    const card = reportCard('2025-12-01', { leadershipAndGovernance: 'needsAttention' });
    expect(isReportCard(card)).toBe(true);
    expect(card).not.toHaveProperty('overallEffectiveness');
    expect(card).not.toHaveProperty('subJudgements');
    expect(card.evaluations.leadershipAndGovernance).toBe('needsAttention');
    expect(card.safeguarding).toBe('met');
  });

  it('reads Ofsted wording and puts needs attention and urgent improvement below the expected standard', () => {
    expect(parseReportCardGrade(' Strong standard ')).toBe('strongStandard');
    expect(parseReportCardGrade('Good')).toBeNull();
    expect(reportCardGradeLabel('urgentImprovement')).toBe('Urgent improvement');
    expect(isBelowExpectedStandard('expectedStandard')).toBe(false);
    expect(isBelowExpectedStandard('needsAttention')).toBe(true);
    expect(isBelowExpectedStandard('urgentImprovement')).toBe(true);
  });
});

describe('latest inspections', () => {
  const history = [
    graded('2018-05-01', 3),
    ungraded('2021-02-01'),
    graded('2023-06-12', 2),
    reportCard('2026-01-20', { curriculumAndTeaching: 'expectedStandard' }),
    ungraded('2026-05-01'),
  ];

  it('finds the latest inspection of any kind', () => {
    expect(latestInspection(history)?.startDate).toBe('2026-05-01');
  });

  it('finds the latest section 5 graded inspection, passing over ungraded visits and report cards', () => {
    expect(latestGradedInspection(history)?.startDate).toBe('2023-06-12');
  });

  it('counts a report card as the latest full inspection', () => {
    expect(latestFullInspection(history)?.kind).toBe('reportCard');
  });

  it('counts an inspection as known from the day its report is published', () => {
    const inspection = graded('2023-06-12', 2, { publicationDate: '2023-07-03' });
    expect(knownOn([inspection], '2023-07-02')).toEqual([]);
    expect(knownOn([inspection], '2023-07-03')).toEqual([inspection]);
  });
});

describe('consecutiveBelowGood', () => {
  it('counts headline grades below Good back to the last Good or better', () => {
    const history = [
      graded('2012-01-10', 2),
      graded('2015-01-10', 4),
      graded('2018-01-10', 3),
      graded('2021-11-10', 3),
    ];
    expect(consecutiveBelowGood(history)).toBe(3);
  });

  it('lets ungraded visits, report cards and grade-less inspections neither count nor break the run', () => {
    const history = [
      graded('2019-01-10', 3),
      ungraded('2020-01-10'),
      graded('2022-01-10', 3),
      graded('2024-10-10', null),
      reportCard('2026-01-10', { leadershipAndGovernance: 'exceptional' }),
    ];
    expect(consecutiveBelowGood(history)).toBe(2);
  });

  it('is zero when the latest headline grade is Good', () => {
    expect(consecutiveBelowGood([graded('2019-01-10', 4), graded('2022-01-10', 2)])).toBe(0);
  });
});
