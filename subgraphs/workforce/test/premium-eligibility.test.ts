import { describe, expect, it } from 'vitest';
import { AwardLists, createAwardList } from '../src/domain/award-list';
import {
  assessmentDateFor,
  premiumEligibility,
  PREMIUM_INELIGIBILITY_REASONS,
  type PremiumEligibilityContext,
} from '../src/domain/premium-eligibility';
import { premiumPolicyYears } from '../src/domain/premium-policy';
import type { Teacher } from '../src/domain/teacher';
import {
  aContext,
  aFormalAction,
  aQualification,
  aSpell,
  aTeacher,
  ELIGIBLE_SCHOOL,
  OTHER_ELIGIBLE_SCHOOL,
  UNLISTED_SCHOOL,
  year,
} from './factories';

const claimYear2023 = year('2023/24');
const reasonFor = (
  teacher: Teacher,
  context: Partial<PremiumEligibilityContext> = {},
  claimYear = claimYear2023,
) => premiumEligibility(teacher, claimYear, aContext(context)).reason;

describe('an eligible teacher', () => {
  it('gets their current school’s award for the claim year and the subject they qualify through', () => {
    expect(premiumEligibility(aTeacher(), claimYear2023, aContext())).toEqual({
      eligible: true,
      reason: null,
      awardAmountPounds: 2500,
      eligibleLater: false,
      subject: 'mathematics',
      urn: ELIGIBLE_SCHOOL,
    });
  });
});

describe('the first failing rule wins, in CAPT’s order', () => {
  it('reports each reason once every earlier one is put right', () => {
    const lastYear = year('2026/27');
    const asOf = '2027-03-01';
    const failingEverything = aTeacher({
      qualification: aQualification({
        ittStartDate: '2019-09-02',
        qtsAwardedOn: '2020-07-10',
        ittSubject: 'other',
        degreeSubjects: ['other'],
      }),
      employment: [
        aSpell({ urn: UNLISTED_SCHOOL, startDate: '2020-09-01', endDate: '2026-08-31' }),
      ],
      eligibleSubjectTeachingPercent: 40,
      formalActions: [aFormalAction({ kind: 'disciplinary', startedOn: '2027-01-10' })],
    });
    const endedIn2025 = premiumPolicyYears({ lastClaimYear: '2025/26' });
    const qualification = failingEverything.qualification;
    const steps: [Partial<Teacher>, Partial<PremiumEligibilityContext>, string | null][] = [
      [{}, { policyYears: endedIn2025 }, 'policy_closed'],
      [{}, {}, 'not_employed_at_school'],
      [
        {
          employment: [
            aSpell({ urn: UNLISTED_SCHOOL, contractType: 'supply', wholeTermContract: false }),
          ],
        },
        {},
        'school_ineligible',
      ],
      [
        { employment: [aSpell({ contractType: 'supply', wholeTermContract: false })] },
        {},
        'supply_teacher_contract_ineligible',
      ],
      [{ employment: [aSpell()] }, {}, 'poor_performance'],
      [{ formalActions: [] }, {}, 'ineligible_cohort'],
      [
        { qualification: { ...qualification, ittStartDate: '2021-09-06' } },
        {},
        'insufficient_teaching',
      ],
      [{ eligibleSubjectTeachingPercent: 50 }, {}, 'subject_and_degree_ineligible'],
      [
        {
          qualification: {
            ...qualification,
            ittStartDate: '2021-09-06',
            degreeSubjects: ['physics'],
          },
        },
        {},
        null,
      ],
    ];
    let teacher = failingEverything;
    for (const [fix, context, expectedReason] of steps) {
      teacher = { ...teacher, ...fix };
      const { reason } = premiumEligibility(teacher, lastYear, aContext({ asOf, ...context }));
      expect(reason, JSON.stringify(fix)).toBe(expectedReason);
    }
    expect(steps.map(([, , reason]) => reason).slice(0, -1)).toEqual(
      PREMIUM_INELIGIBILITY_REASONS.slice(0, -1),
    );
  });

  it('reports a trainee’s subject before the last policy year', () => {
    const trainee = aTeacher({
      qualification: aQualification({
        ittStartDate: '2026-09-07',
        qtsAwardedOn: undefined,
        ittSubject: 'other',
        degreeSubjects: [],
      }),
    });
    const inLastYear = { asOf: '2027-03-01' };
    expect(reasonFor(trainee, inLastYear, year('2026/27'))).toBe('subject_and_degree_ineligible');
    const physicsTrainee = {
      ...trainee,
      qualification: { ...trainee.qualification, ittSubject: 'physics' as const },
    };
    expect(reasonFor(physicsTrainee, inLastYear, year('2026/27'))).toBe(
      'trainee_in_last_policy_year',
    );
  });
});

describe('policy closed', () => {
  it('is closed after the configured last year and before the first', () => {
    expect(reasonFor(aTeacher(), { asOf: '2028-01-10' }, year('2027/28'))).toBe('policy_closed');
    expect(reasonFor(aTeacher(), { asOf: '2022-01-10' }, year('2021/22'))).toBe('policy_closed');
  });

  it('follows an overridden end year rather than a constant', () => {
    const ended2024 = premiumPolicyYears({ lastClaimYear: '2024/25' });
    expect(
      reasonFor(aTeacher(), { asOf: '2025-10-01', policyYears: ended2024 }, year('2025/26')),
    ).toBe('policy_closed');
    expect(reasonFor(aTeacher(), { asOf: '2025-10-01' }, year('2025/26'))).toBeNull();
  });
});

describe('which school: the current employment on the assessment date', () => {
  it('counts a spell from its first day to its last day inclusive', () => {
    const spell = aSpell({ startDate: '2023-09-04', endDate: '2024-03-04' });
    expect(reasonFor(aTeacher({ employment: [spell] }), { asOf: '2024-03-04' })).toBeNull();
    expect(reasonFor(aTeacher({ employment: [spell] }), { asOf: '2024-03-05' })).toBe(
      'not_employed_at_school',
    );
    expect(reasonFor(aTeacher({ employment: [spell] }), { asOf: '2023-09-03' })).toBe(
      'not_employed_at_school',
    );
  });

  it('uses the most recently started school when two spells overlap', () => {
    const teacher = aTeacher({
      employment: [
        aSpell({ urn: ELIGIBLE_SCHOOL, startDate: '2022-09-01' }),
        aSpell({ urn: OTHER_ELIGIBLE_SCHOOL, startDate: '2024-01-02' }),
      ],
    });
    const result = premiumEligibility(teacher, claimYear2023, aContext());
    expect([result.urn, result.awardAmountPounds]).toEqual([OTHER_ELIGIBLE_SCHOOL, 3000]);
  });

  it('uses the named school when the teacher claims for one, and refuses a school they do not work at', () => {
    const teacher = aTeacher({
      employment: [
        aSpell({ urn: ELIGIBLE_SCHOOL }),
        aSpell({ urn: OTHER_ELIGIBLE_SCHOOL, startDate: '2024-01-02' }),
      ],
    });
    expect(
      premiumEligibility(teacher, claimYear2023, aContext({ urn: ELIGIBLE_SCHOOL }))
        .awardAmountPounds,
    ).toBe(2500);
    expect(reasonFor(teacher, { urn: UNLISTED_SCHOOL })).toBe('not_employed_at_school');
  });

  it('refuses an assessment date outside the claim year', () => {
    expect(() =>
      premiumEligibility(aTeacher(), claimYear2023, aContext({ asOf: '2024-09-01' })),
    ).toThrow(/outside claim year/);
  });

  it('assesses a past year on its last day and a future year on its first', () => {
    expect(assessmentDateFor(claimYear2023, '2025-01-15')).toBe('2024-08-31');
    expect(assessmentDateFor(claimYear2023, '2023-05-01')).toBe('2023-09-01');
    expect(assessmentDateFor(claimYear2023, '2024-02-29')).toBe('2024-02-29');
  });
});

describe('school ineligible', () => {
  const awards = AwardLists.of(
    createAwardList(claimYear2023, [
      [OTHER_ELIGIBLE_SCHOOL, 3000],
      [ELIGIBLE_SCHOOL, 0],
    ]),
  );

  it('refuses a school missing from the year’s list or listed at £0', () => {
    expect(
      reasonFor(aTeacher({ employment: [aSpell({ urn: UNLISTED_SCHOOL })] }), { awards }),
    ).toBe('school_ineligible');
    expect(
      reasonFor(aTeacher({ employment: [aSpell({ urn: ELIGIBLE_SCHOOL })] }), { awards }),
    ).toBe('school_ineligible');
  });

  it('does not carry last year’s list into a year that has none', () => {
    const onlyLastYear = AwardLists.of(createAwardList(year('2022/23'), [[ELIGIBLE_SCHOOL, 2000]]));
    expect(reasonFor(aTeacher(), { awards: onlyLastYear })).toBe('school_ineligible');
  });

  it('does not apply an award listed under the predecessor school’s URN to the academy', () => {
    const predecessorUrn = 100053;
    const academyUrn = 149999;
    const awardsUnderPredecessor = AwardLists.of(
      createAwardList(claimYear2023, [[predecessorUrn, 1500]]),
    );
    const teacher = aTeacher({ employment: [aSpell({ urn: academyUrn })] });
    expect(reasonFor(teacher, { awards: awardsUnderPredecessor })).toBe('school_ineligible');
  });
});

describe('supply teachers', () => {
  it('are eligible only with a whole-term contract and direct employment by the school', () => {
    const supply = (wholeTermContract: boolean, employedDirectlyBySchool: boolean) =>
      aTeacher({
        employment: [
          aSpell({ contractType: 'supply', wholeTermContract, employedDirectlyBySchool }),
        ],
      });
    expect(reasonFor(supply(true, true))).toBeNull();
    expect(reasonFor(supply(false, true))).toBe('supply_teacher_contract_ineligible');
    expect(reasonFor(supply(true, false))).toBe('supply_teacher_contract_ineligible');
  });

  it('does not ask a fixed-term teacher about term contracts', () => {
    const fixedTerm = aSpell({
      contractType: 'fixed_term',
      wholeTermContract: false,
      employedDirectlyBySchool: false,
    });
    expect(reasonFor(aTeacher({ employment: [fixedTerm] }))).toBeNull();
  });
});

describe('poor performance: formal action in force on the assessment date', () => {
  it('counts performance and disciplinary action alike', () => {
    for (const kind of ['performance', 'disciplinary'] as const) {
      expect(
        reasonFor(aTeacher({ formalActions: [aFormalAction({ kind, startedOn: '2024-01-08' })] })),
      ).toBe('poor_performance');
    }
  });

  it('counts an action through its last day but not after, nor before it starts', () => {
    const action = aFormalAction({ startedOn: '2023-11-01', endedOn: '2024-03-04' });
    expect(reasonFor(aTeacher({ formalActions: [action] }), { asOf: '2024-03-04' })).toBe(
      'poor_performance',
    );
    expect(reasonFor(aTeacher({ formalActions: [action] }), { asOf: '2024-03-05' })).toBeNull();
    expect(reasonFor(aTeacher({ formalActions: [action] }), { asOf: '2023-10-31' })).toBeNull();
  });
});

describe('ineligible cohort: ITT year must be in the five years before the claim year', () => {
  const window = [
    ['2022/23', 2017, 2021],
    ['2023/24', 2018, 2022],
    ['2024/25', 2019, 2023],
    ['2025/26', 2020, 2024],
    ['2026/27', 2021, 2025],
  ] as const;
  const withIttStart = (startYear: number) =>
    aTeacher({
      qualification: aQualification({
        ittStartDate: `${startYear}-09-10`,
        qtsAwardedOn: `${startYear + 1}-07-01`,
      }),
    });

  it.each(window)(
    'in %s takes ITT years starting %i to %i and no others',
    (label, earliest, latest) => {
      const claimYear = year(label);
      const asOf = `${claimYear.startYear + 1}-03-01`;
      expect(reasonFor(withIttStart(earliest - 1), { asOf }, claimYear)).toBe('ineligible_cohort');
      expect(reasonFor(withIttStart(earliest), { asOf }, claimYear)).toBeNull();
      expect(reasonFor(withIttStart(latest), { asOf }, claimYear)).toBeNull();
    },
  );

  it('lets the 18 August quirk bring a postgraduate into the window', () => {
    const claimYear = year('2022/23');
    const startedOn = (ittStartDate: string) =>
      aTeacher({ qualification: aQualification({ ittStartDate, qtsAwardedOn: '2018-07-01' }) });
    expect(reasonFor(startedOn('2017-08-17'), { asOf: '2023-03-01' }, claimYear)).toBe(
      'ineligible_cohort',
    );
    expect(reasonFor(startedOn('2017-08-18'), { asOf: '2023-03-01' }, claimYear)).toBeNull();
  });

  it('dates an undergraduate by completion and assessment only by QTS, not by ITT start', () => {
    const undergraduate = aTeacher({
      qualification: aQualification({
        route: 'undergraduate_itt',
        ittStartDate: '2015-09-01',
        ittCompletionDate: '2019-06-30',
        qtsAwardedOn: '2019-07-20',
      }),
    });
    const assessmentOnly = aTeacher({
      qualification: aQualification({
        route: 'assessment_only',
        ittStartDate: '2020-09-01',
        qtsAwardedOn: '2023-10-02',
      }),
    });
    expect(reasonFor(undergraduate)).toBeNull();
    expect(reasonFor(assessmentOnly)).toBe('ineligible_cohort');
  });
});

describe('insufficient teaching', () => {
  it('needs at least half of teaching hours in eligible subjects', () => {
    expect(reasonFor(aTeacher({ eligibleSubjectTeachingPercent: 50 }))).toBeNull();
    expect(reasonFor(aTeacher({ eligibleSubjectTeachingPercent: 49.9 }))).toBe(
      'insufficient_teaching',
    );
  });
});

describe('subject and degree', () => {
  it('qualifies through an eligible degree when the ITT subject is not eligible', () => {
    const teacher = aTeacher({
      qualification: aQualification({
        ittSubject: 'other',
        degreeSubjects: ['other', 'physics', 'chemistry'],
      }),
    });
    const result = premiumEligibility(teacher, claimYear2023, aContext());
    expect([result.eligible, result.subject]).toEqual([true, 'chemistry']);
  });

  it('refuses a teacher with neither an eligible ITT subject nor an eligible degree', () => {
    const teacher = aTeacher({
      qualification: aQualification({ ittSubject: 'other', degreeSubjects: ['other'] }),
    });
    expect(reasonFor(teacher)).toBe('subject_and_degree_ineligible');
  });
});

describe('trainees', () => {
  const trainee = aTeacher({
    qualification: aQualification({ ittStartDate: '2023-09-04', qtsAwardedOn: undefined }),
    eligibleSubjectTeachingPercent: 10,
  });

  it('are never paid in-year but are eligible later, whatever their teaching hours', () => {
    expect(premiumEligibility(trainee, claimYear2023, aContext())).toEqual({
      eligible: false,
      reason: null,
      awardAmountPounds: null,
      eligibleLater: true,
      subject: 'mathematics',
      urn: ELIGIBLE_SCHOOL,
    });
  });

  it('are ineligible in the last policy year, wherever configuration puts it', () => {
    const endsThisYear = premiumPolicyYears({ lastClaimYear: '2023/24' });
    const result = premiumEligibility(
      trainee,
      claimYear2023,
      aContext({ policyYears: endsThisYear }),
    );
    expect([result.reason, result.eligibleLater]).toEqual(['trainee_in_last_policy_year', false]);
  });

  it('stop being trainees on the day QTS is awarded', () => {
    const qualifiedInYear = {
      ...trainee,
      eligibleSubjectTeachingPercent: 80,
      qualification: { ...trainee.qualification, qtsAwardedOn: '2024-03-01' },
    };
    expect(reasonFor(qualifiedInYear, { asOf: '2024-02-29' })).toBeNull();
    expect(
      premiumEligibility(qualifiedInYear, claimYear2023, aContext({ asOf: '2024-02-29' }))
        .eligibleLater,
    ).toBe(true);
    // Qualified on 1 March with an ITT start in 2023/24: the cohort is the claim year itself.
    expect(reasonFor(qualifiedInYear, { asOf: '2024-03-01' })).toBe('ineligible_cohort');
  });

  it('fail earlier rules like anyone else and are then not eligible later', () => {
    const result = premiumEligibility(
      { ...trainee, formalActions: [aFormalAction()] },
      claimYear2023,
      aContext(),
    );
    expect([result.reason, result.eligibleLater]).toEqual(['poor_performance', false]);
  });
});
