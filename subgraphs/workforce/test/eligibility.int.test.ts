import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aTeacherInput,
  awardCsv,
  DFE,
  ok,
  startWorkforce,
  type TeacherInputShape,
  type TestWorkforce,
  UPLOAD,
  UPSERT,
} from './support';

// Today is pinned in the 2023/24 claim year; lists exist for every default policy year.
const TODAY = '2024-03-04';
const LISTED = 148830;
const UNLISTED = 137000;

let wf: TestWorkforce;

const ELIGIBILITY = `query ($trn: String!, $year: AcademicYear!) {
  teacher(trn: $trn) {
    qualification { ittAcademicYear }
    premiumEligibility(academicYear: $year) {
      academicYear assessedOn eligible reason awardAmountPounds eligibleLater subject urn
    }
  }
}`;

interface EligibilityData {
  teacher: {
    qualification: { ittAcademicYear: string | null };
    premiumEligibility: {
      academicYear: string;
      assessedOn: string;
      eligible: boolean;
      reason: string | null;
      awardAmountPounds: number | null;
      eligibleLater: boolean;
      subject: string | null;
      urn: number | null;
    };
  };
}

async function eligibility(trn: string, year = '2023/24') {
  return ok(await wf.run<EligibilityData>(DFE, ELIGIBILITY, { trn, year })).teacher;
}

const postgraduate = (start: string, qts: string | null) => ({
  route: 'POSTGRADUATE_ITT',
  ittStartDate: start,
  qtsAwardedOn: qts,
  ittSubject: 'PHYSICS',
  degreeSubjects: ['PHYSICS'],
});

const oldCohortQualification = postgraduate('2012-09-03', '2013-07-12');
const agencySupply = [
  { urn: LISTED, startDate: '2021-09-01', contractType: 'SUPPLY', employedDirectlyBySchool: false },
];
const ongoingAction = [{ kind: 'PERFORMANCE', startedOn: '2024-01-08' }];

const TEACHERS: TeacherInputShape[] = [
  aTeacherInput('1000001', LISTED),
  aTeacherInput('1000002', UNLISTED),
  aTeacherInput('1000003', LISTED, { employment: agencySupply }),
  aTeacherInput('1000004', LISTED, { formalActions: ongoingAction }),
  aTeacherInput('1000005', LISTED, {
    qualification: postgraduate('2017-09-04', '2018-07-13'),
    employment: [{ urn: LISTED, startDate: '2018-09-01', contractType: 'PERMANENT' }],
  }),
  aTeacherInput('1000006', LISTED, { eligibleSubjectTeachingPercent: 40 }),
  aTeacherInput('1000007', LISTED, {
    qualification: {
      ...postgraduate('2020-09-07', '2021-07-16'),
      ittSubject: 'OTHER',
      degreeSubjects: ['OTHER'],
    },
  }),
  aTeacherInput('1000008', LISTED, {
    qualification: postgraduate('2023-09-04', null),
    employment: [{ urn: LISTED, startDate: '2023-09-04', contractType: 'FIXED_TERM' }],
  }),
  aTeacherInput('1000009', LISTED, {
    employment: [
      { urn: LISTED, startDate: '2021-09-01', endDate: '2023-07-31', contractType: 'PERMANENT' },
    ],
  }),
  // Fails every rule it can: the school's ineligibility is the one reported.
  aTeacherInput('1000010', UNLISTED, {
    qualification: { ...oldCohortQualification, ittSubject: 'OTHER', degreeSubjects: ['OTHER'] },
    employment: [{ ...agencySupply[0]!, urn: UNLISTED }],
    formalActions: ongoingAction,
    eligibleSubjectTeachingPercent: 10,
  }),
  // The same at a listed school: now the supply contract is first.
  aTeacherInput('1000011', LISTED, {
    qualification: oldCohortQualification,
    employment: agencySupply,
    formalActions: ongoingAction,
    eligibleSubjectTeachingPercent: 10,
  }),
  aTeacherInput('1000012', LISTED, {
    qualification: {
      ...postgraduate('2020-09-07', '2021-07-16'),
      ittSubject: 'OTHER',
      degreeSubjects: ['OTHER', 'COMPUTING'],
    },
  }),
];

// ITT-year routes: the date each route uses, and the postgraduate 18–31 August quirk.
const ROUTES: TeacherInputShape[] = [
  aTeacherInput('2000001', LISTED, { qualification: postgraduate('2021-08-20', '2022-07-15') }),
  aTeacherInput('2000002', LISTED, { qualification: postgraduate('2021-08-17', '2022-07-15') }),
  aTeacherInput('2000003', LISTED, {
    qualification: {
      route: 'UNDERGRADUATE_ITT',
      ittCompletionDate: '2022-06-30',
      qtsAwardedOn: '2022-07-10',
      ittSubject: 'CHEMISTRY',
    },
  }),
  aTeacherInput('2000004', LISTED, {
    qualification: {
      route: 'ASSESSMENT_ONLY',
      qtsAwardedOn: '2022-10-01',
      ittSubject: 'COMPUTING',
    },
  }),
  aTeacherInput('2000005', LISTED, {
    qualification: {
      route: 'OVERSEAS_RECOGNITION',
      qtsAwardedOn: '2019-03-01',
      ittSubject: 'MATHEMATICS',
    },
  }),
];

// One postgraduate per ITT cohort from 2016/17 to 2025/26, for the window of each claim year.
const COHORTS: TeacherInputShape[] = Array.from({ length: 10 }, (_, index) => {
  const start = 2016 + index;
  return aTeacherInput(`30000${String(start - 2000).padStart(2, '0')}`, LISTED, {
    qualification: postgraduate(`${start}-09-05`, `${start + 1}-07-15`),
    employment: [{ urn: LISTED, startDate: '2016-09-01', contractType: 'PERMANENT' }],
  });
});
const cohortTrn = (ittStartYear: number) => `30000${String(ittStartYear - 2000).padStart(2, '0')}`;

beforeAll(async () => {
  wf = await startWorkforce('workforce_eligibility', { WORKFORCE_TODAY: TODAY });
  for (const year of ['2022/23', '2023/24', '2024/25', '2025/26', '2026/27']) {
    ok(
      await wf.run(DFE, UPLOAD, {
        year,
        csv: awardCsv([
          [LISTED, 2500],
          [100006, 3000],
        ]),
      }),
    );
  }
  ok(await wf.run(DFE, UPSERT, { input: [...TEACHERS, ...ROUTES, ...COHORTS] }));
});
afterAll(() => wf?.close());

describe('Teacher.premiumEligibility', () => {
  it('finds an eligible teacher, with the school’s award and the subject that qualifies them', async () => {
    expect((await eligibility('1000001')).premiumEligibility).toEqual({
      academicYear: '2023/24',
      assessedOn: TODAY,
      eligible: true,
      reason: null,
      awardAmountPounds: 2500,
      eligibleLater: false,
      subject: 'MATHEMATICS',
      urn: LISTED,
    });
  });

  it.each([
    ['1000002', 'SCHOOL_INELIGIBLE'],
    ['1000003', 'SUPPLY_TEACHER_CONTRACT_INELIGIBLE'],
    ['1000004', 'POOR_PERFORMANCE'],
    ['1000005', 'INELIGIBLE_COHORT'],
    ['1000006', 'INSUFFICIENT_TEACHING'],
    ['1000007', 'SUBJECT_AND_DEGREE_INELIGIBLE'],
    ['1000009', 'NOT_EMPLOYED_AT_SCHOOL'],
  ])('gives teacher %s the reason %s, with no award', async (trn, reason) => {
    const { premiumEligibility } = await eligibility(trn);
    expect(premiumEligibility).toMatchObject({ eligible: false, reason, awardAmountPounds: null });
  });

  it('is closed after the last policy year, whoever asks', async () => {
    expect((await eligibility('1000001', '2027/28')).premiumEligibility.reason).toBe(
      'POLICY_CLOSED',
    );
  });

  it('reports the first failing rule in CAPT’s order when several fail', async () => {
    expect((await eligibility('1000010')).premiumEligibility.reason).toBe('SCHOOL_INELIGIBLE');
    expect((await eligibility('1000011')).premiumEligibility.reason).toBe(
      'SUPPLY_TEACHER_CONTRACT_INELIGIBLE',
    );
  });

  it('treats a trainee as eligible later, except in the last policy year', async () => {
    expect((await eligibility('1000008')).premiumEligibility).toMatchObject({
      eligible: false,
      reason: null,
      eligibleLater: true,
      awardAmountPounds: null,
    });
    expect((await eligibility('1000008', '2026/27')).premiumEligibility).toMatchObject({
      eligible: false,
      reason: 'TRAINEE_IN_LAST_POLICY_YEAR',
      eligibleLater: false,
    });
  });

  it('accepts a degree in an eligible subject when the ITT subject is not one', async () => {
    expect((await eligibility('1000012')).premiumEligibility).toMatchObject({
      eligible: true,
      subject: 'COMPUTING',
    });
  });

  it('judges a past year on its last day with that year’s list', async () => {
    // Cohort 2017/18 is in the 2022/23 window but not in 2023/24's.
    expect((await eligibility('1000005', '2022/23')).premiumEligibility).toMatchObject({
      eligible: true,
      assessedOn: '2023-08-31',
      awardAmountPounds: 2500,
    });
  });
});

describe('the ITT academic year by route', () => {
  it.each([
    ['2000001', 'postgraduate starting 20 August counts as September', '2021/22'],
    ['2000002', 'postgraduate starting 17 August stays in the year it starts in', '2020/21'],
    ['2000003', 'undergraduate: the year ITT was completed', '2021/22'],
    ['2000004', 'assessment only: the year QTS was awarded', '2022/23'],
    ['2000005', 'overseas recognition: the year QTS was awarded', '2018/19'],
  ])('teacher %s, %s, is cohort %s', async (trn, _why, cohort) => {
    expect((await eligibility(trn)).qualification.ittAcademicYear).toBe(cohort);
  });

  it('lets the August quirk decide eligibility at the edge of the 2026/27 window', async () => {
    // 2026/27 takes cohorts 2021/22 to 2025/26.
    expect((await eligibility('2000001', '2026/27')).premiumEligibility.eligible).toBe(true);
    expect((await eligibility('2000002', '2026/27')).premiumEligibility.reason).toBe(
      'INELIGIBLE_COHORT',
    );
  });
});

describe('the ITT window of each claim year from 2022/23', () => {
  it.each([2022, 2023, 2024, 2025, 2026])(
    'claim year %i takes the five cohorts before it and no others',
    async (claimStart) => {
      const year = `${claimStart}/${String((claimStart + 1) % 100).padStart(2, '0')}`;
      const reasonFor = async (ittStart: number) =>
        (await eligibility(cohortTrn(ittStart), year)).premiumEligibility;
      expect(await reasonFor(claimStart - 6)).toMatchObject({ reason: 'INELIGIBLE_COHORT' });
      expect(await reasonFor(claimStart - 5)).toMatchObject({ eligible: true });
      expect(await reasonFor(claimStart - 1)).toMatchObject({ eligible: true });
    },
  );
});
