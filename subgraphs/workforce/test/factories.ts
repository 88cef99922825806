import { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import { AwardLists, createAwardList } from '../src/domain/award-list';
import type { EmploymentSpell } from '../src/domain/employment';
import type { FormalAction } from '../src/domain/formal-action';
import type { Urn } from '../src/domain/identifiers';
import type { PremiumEligibilityContext } from '../src/domain/premium-eligibility';
import { DEFAULT_PREMIUM_POLICY_YEARS } from '../src/domain/premium-policy';
import type { Qualification } from '../src/domain/qualification';
import type { Teacher } from '../src/domain/teacher';

export const year = (label: string) => AcademicYear.parse(label);

export const ELIGIBLE_SCHOOL: Urn = 148830;
export const OTHER_ELIGIBLE_SCHOOL: Urn = 100006;
export const UNLISTED_SCHOOL: Urn = 137000;

/** A postgraduate maths teacher, qualified in 2021/22, employed directly and full time at an eligible school. */
export function aQualification(overrides: Partial<Qualification> = {}): Qualification {
  return {
    route: 'postgraduate_itt',
    ittStartDate: '2021-09-06',
    qtsAwardedOn: '2022-07-15',
    ittSubject: 'mathematics',
    degreeSubjects: ['mathematics'],
    ...overrides,
  };
}

export function aSpell(overrides: Partial<EmploymentSpell> = {}): EmploymentSpell {
  return {
    urn: ELIGIBLE_SCHOOL,
    startDate: '2022-09-01',
    contractType: 'permanent',
    wholeTermContract: true,
    employedDirectlyBySchool: true,
    ...overrides,
  };
}

export function aFormalAction(overrides: Partial<FormalAction> = {}): FormalAction {
  return { kind: 'performance', startedOn: '2024-01-08', ...overrides };
}

export function aTeacher(overrides: Partial<Teacher> = {}): Teacher {
  return {
    trn: '1234567',
    name: 'Ada Byron',
    qualification: aQualification(),
    employment: [aSpell()],
    eligibleSubjectTeachingPercent: 80,
    formalActions: [],
    ...overrides,
  };
}

/** Lists for every default policy year, with the eligible school on £2,500 and another on £3,000. */
export function awardListsForEveryYear(): AwardLists {
  const lists = [2022, 2023, 2024, 2025, 2026].map((startYear) =>
    createAwardList(AcademicYear.of(startYear), [
      [ELIGIBLE_SCHOOL, 2500],
      [OTHER_ELIGIBLE_SCHOOL, 3000],
    ]),
  );
  return AwardLists.of(...lists);
}

export function aContext(
  overrides: Partial<PremiumEligibilityContext> = {},
): PremiumEligibilityContext {
  return {
    policyYears: DEFAULT_PREMIUM_POLICY_YEARS,
    awards: awardListsForEveryYear(),
    asOf: '2024-03-04',
    ...overrides,
  };
}
