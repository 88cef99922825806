import { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import { badUserInput } from '@estate/subgraph-kit/src/errors';

/**
 * The claim years in which the premium runs. Configuration, not a constant: CAPT moved the end
 * year twice (2024/25, then 2025/26, then 2026/27).
 */
export interface PremiumPolicyYears {
  firstClaimYear: AcademicYear;
  lastClaimYear: AcademicYear;
}

/** CAPT HEAD: `POLICY_START_YEAR` 2022/23, `POLICY_END_YEAR` 2026/27. */
export const DEFAULT_PREMIUM_POLICY_YEARS: PremiumPolicyYears = Object.freeze({
  firstClaimYear: AcademicYear.parse('2022/23'),
  lastClaimYear: AcademicYear.parse('2026/27'),
});

/** Builds the configuration from labels such as "2022/23", overriding either end of the default. */
export function premiumPolicyYears(
  labels: { firstClaimYear?: string; lastClaimYear?: string } = {},
): PremiumPolicyYears {
  const firstClaimYear = labels.firstClaimYear
    ? AcademicYear.parse(labels.firstClaimYear)
    : DEFAULT_PREMIUM_POLICY_YEARS.firstClaimYear;
  const lastClaimYear = labels.lastClaimYear
    ? AcademicYear.parse(labels.lastClaimYear)
    : DEFAULT_PREMIUM_POLICY_YEARS.lastClaimYear;
  if (lastClaimYear.compare(firstClaimYear) < 0) {
    throw badUserInput(
      `the premium's last claim year ${lastClaimYear.label} is before its first ${firstClaimYear.label}`,
    );
  }
  return { firstClaimYear, lastClaimYear };
}

/**
 * CAPT only closes after the end year; a year before the first was never open either, so both
 * count as closed here.
 */
export function isPremiumOpenIn(policy: PremiumPolicyYears, claimYear: AcademicYear): boolean {
  return (
    claimYear.compare(policy.firstClaimYear) >= 0 && claimYear.compare(policy.lastClaimYear) <= 0
  );
}

export function isLastPremiumYear(policy: PremiumPolicyYears, claimYear: AcademicYear): boolean {
  return claimYear.equals(policy.lastClaimYear);
}

/** The open claim years in order, e.g. for seeding an award list per year. */
export function premiumClaimYears(policy: PremiumPolicyYears): AcademicYear[] {
  const years: AcademicYear[] = [];
  for (
    let year = policy.firstClaimYear;
    year.compare(policy.lastClaimYear) <= 0;
    year = year.plus(1)
  ) {
    years.push(year);
  }
  return years;
}

/** CAPT `selectable_itt_years_for_claim_year`: the five academic years before the claim year. */
export function eligibleIttYears(claimYear: AcademicYear): {
  earliest: AcademicYear;
  latest: AcademicYear;
} {
  return { earliest: claimYear.plus(-5), latest: claimYear.plus(-1) };
}

export function isIttYearInWindow(ittYear: AcademicYear, claimYear: AcademicYear): boolean {
  const { earliest, latest } = eligibleIttYears(claimYear);
  return ittYear.compare(earliest) >= 0 && ittYear.compare(latest) <= 0;
}
