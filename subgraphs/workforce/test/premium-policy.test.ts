import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREMIUM_POLICY_YEARS,
  eligibleIttYears,
  isIttYearInWindow,
  isLastPremiumYear,
  isPremiumOpenIn,
  premiumClaimYears,
  premiumPolicyYears,
} from '../src/domain/premium-policy';
import { year } from './factories';

describe('premium policy years are configuration', () => {
  it('runs from 2022/23 to 2026/27 by default, as CAPT HEAD does', () => {
    expect(premiumClaimYears(DEFAULT_PREMIUM_POLICY_YEARS).map((y) => y.label)).toEqual([
      '2022/23',
      '2023/24',
      '2024/25',
      '2025/26',
      '2026/27',
    ]);
  });

  it('can be cut back to the original 2024/25 end year', () => {
    const original = premiumPolicyYears({ lastClaimYear: '2024/25' });
    expect(original.firstClaimYear.label).toBe('2022/23');
    expect(isLastPremiumYear(original, year('2024/25'))).toBe(true);
    expect(isPremiumOpenIn(original, year('2025/26'))).toBe(false);
  });

  it('is closed before its first and after its last claim year, and open at both ends', () => {
    const policy = DEFAULT_PREMIUM_POLICY_YEARS;
    expect(isPremiumOpenIn(policy, year('2021/22'))).toBe(false);
    expect(isPremiumOpenIn(policy, year('2022/23'))).toBe(true);
    expect(isPremiumOpenIn(policy, year('2026/27'))).toBe(true);
    expect(isPremiumOpenIn(policy, year('2027/28'))).toBe(false);
  });

  it('refuses an end year before the start year', () => {
    expect(() =>
      premiumPolicyYears({ firstClaimYear: '2024/25', lastClaimYear: '2023/24' }),
    ).toThrow(/before its first/);
  });
});

describe('the ITT window is the five academic years before the claim year', () => {
  const windows = [
    ['2022/23', '2017/18', '2021/22'],
    ['2023/24', '2018/19', '2022/23'],
    ['2024/25', '2019/20', '2023/24'],
    ['2025/26', '2020/21', '2024/25'],
    ['2026/27', '2021/22', '2025/26'],
  ] as const;

  it.each(windows)('claim year %s takes ITT years %s to %s', (claimLabel, earliest, latest) => {
    const claimYear = year(claimLabel);
    const window = eligibleIttYears(claimYear);
    expect([window.earliest.label, window.latest.label]).toEqual([earliest, latest]);
    expect(isIttYearInWindow(year(earliest), claimYear)).toBe(true);
    expect(isIttYearInWindow(year(latest), claimYear)).toBe(true);
    expect(isIttYearInWindow(year(earliest).plus(-1), claimYear)).toBe(false);
    expect(isIttYearInWindow(claimYear, claimYear)).toBe(false);
  });
});
