import { describe, expect, it } from 'vitest';
import { AwardLists, createAwardList, type SchoolAwards } from '../src/domain/award-list';
import {
  claimTotalPounds,
  decidePremiumClaim,
  isWithinAwardRange,
  topUpOwed,
  topUpsOwed,
  type ClaimRequest,
  type PremiumClaim,
  type PremiumTopUp,
} from '../src/domain/premium-claim';
import { DEFAULT_PREMIUM_POLICY_YEARS } from '../src/domain/premium-policy';
import {
  aFormalAction,
  aQualification,
  aTeacher,
  ELIGIBLE_SCHOOL,
  OTHER_ELIGIBLE_SCHOOL,
  year,
} from './factories';

const claimYear = year('2023/24');
const listedAt = (entries: [number, number][]) =>
  AwardLists.of(createAwardList(claimYear, entries));
const originalList = listedAt([
  [ELIGIBLE_SCHOOL, 2000],
  [OTHER_ELIGIBLE_SCHOOL, 3000],
]);

function aClaimRequest(overrides: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    teacher: aTeacher(),
    claimYear,
    urn: ELIGIBLE_SCHOOL,
    claimedOn: '2024-03-04',
    existingClaims: [],
    policyYears: DEFAULT_PREMIUM_POLICY_YEARS,
    awards: originalList,
    ...overrides,
  };
}

function aClaim(overrides: Partial<PremiumClaim> = {}): PremiumClaim {
  return {
    trn: '1234567',
    academicYear: claimYear,
    urn: ELIGIBLE_SCHOOL,
    subject: 'mathematics',
    awardAmountPounds: 2000,
    claimedOn: '2024-03-04',
    ...overrides,
  };
}

const aTopUp = (amountPounds: number): PremiumTopUp => ({
  trn: '1234567',
  academicYear: claimYear,
  amountPounds,
  createdOn: '2024-05-01',
});

describe('submitting a premium claim', () => {
  it('captures the school’s award on the day the claim is made', () => {
    const decision = decidePremiumClaim(aClaimRequest());
    expect(decision).toEqual({ accepted: true, claim: aClaim() });
  });

  it('allows one claim per teacher per claim year', () => {
    const refused = decidePremiumClaim(aClaimRequest({ existingClaims: [aClaim()] }));
    expect(refused).toMatchObject({ accepted: false, reason: 'already_claimed' });
    const lastYearsClaim = aClaim({ academicYear: year('2022/23') });
    expect(decidePremiumClaim(aClaimRequest({ existingClaims: [lastYearsClaim] })).accepted).toBe(
      true,
    );
  });

  it('refuses an ineligible claim with the first failing reason', () => {
    const teacher = aTeacher({
      formalActions: [aFormalAction()],
      eligibleSubjectTeachingPercent: 10,
    });
    const decision = decidePremiumClaim(aClaimRequest({ teacher }));
    expect(decision).toMatchObject({
      accepted: false,
      reason: 'poor_performance',
      eligibility: { eligible: false },
    });
  });

  it('refuses a claim for a school the teacher does not currently work at', () => {
    const decision = decidePremiumClaim(aClaimRequest({ urn: OTHER_ELIGIBLE_SCHOOL }));
    expect(decision).toMatchObject({ accepted: false, reason: 'not_employed_at_school' });
  });

  it('refuses a trainee now, telling them they are eligible later', () => {
    const trainee = aTeacher({ qualification: aQualification({ qtsAwardedOn: undefined }) });
    const decision = decidePremiumClaim(aClaimRequest({ teacher: trainee }));
    expect(decision).toMatchObject({
      accepted: false,
      reason: 'eligible_later',
      eligibility: { eligibleLater: true },
    });
  });

  it('captures the amount on the list in force when the claim is made, uplift included', () => {
    const uplifted = originalList.withUpload(createAwardList(claimYear, [[ELIGIBLE_SCHOOL, 2500]]));
    const decision = decidePremiumClaim(aClaimRequest({ awards: uplifted }));
    expect(decision.accepted && decision.claim.awardAmountPounds).toBe(2500);
  });

  it('refuses to record an award a broken award source puts above the year’s maximum', () => {
    const inconsistent: SchoolAwards = {
      awardPoundsFor: () => 4000,
      maxAwardPoundsFor: () => 3000,
    };
    expect(() => decidePremiumClaim(aClaimRequest({ awards: inconsistent }))).toThrow(/range/);
  });
});

describe('top-ups after an uplift', () => {
  it('pays the difference when the school’s award is raised, rather than recomputing the claim', () => {
    const uplifted = listedAt([
      [ELIGIBLE_SCHOOL, 2500],
      [OTHER_ELIGIBLE_SCHOOL, 3000],
    ]);
    expect(topUpOwed(aClaim(), [], uplifted, '2024-05-01')).toEqual(aTopUp(500));
  });

  it('pays only what earlier top-ups have not already covered', () => {
    const upliftedAgain = listedAt([[ELIGIBLE_SCHOOL, 3000]]);
    expect(topUpOwed(aClaim(), [aTopUp(500)], upliftedAgain, '2024-05-01')?.amountPounds).toBe(500);
    expect(topUpOwed(aClaim(), [aTopUp(500), aTopUp(500)], upliftedAgain, '2024-05-01')).toBeNull();
  });

  it('takes nothing back when the amount falls or the school leaves the list', () => {
    expect(topUpOwed(aClaim(), [], listedAt([[ELIGIBLE_SCHOOL, 1500]]), '2024-05-01')).toBeNull();
    expect(
      topUpOwed(aClaim(), [], listedAt([[OTHER_ELIGIBLE_SCHOOL, 3000]]), '2024-05-01'),
    ).toBeNull();
  });

  it('ignores top-ups that belong to another teacher or another year', () => {
    const uplifted = listedAt([[ELIGIBLE_SCHOOL, 2500]]);
    const elsewhere = [
      { ...aTopUp(500), trn: '7654321' },
      { ...aTopUp(500), academicYear: year('2022/23') },
    ];
    expect(claimTotalPounds(aClaim(), elsewhere)).toBe(2000);
    expect(topUpOwed(aClaim(), elsewhere, uplifted, '2024-05-01')?.amountPounds).toBe(500);
  });

  it('never takes award plus top-ups beyond the year’s maximum', () => {
    const inconsistent: SchoolAwards = {
      awardPoundsFor: () => 3500,
      maxAwardPoundsFor: () => 3000,
    };
    expect(topUpOwed(aClaim(), [], inconsistent, '2024-05-01')).toBeNull();
  });

  it('works out the top-ups an upload triggers across a year’s claims', () => {
    const claims = [
      aClaim(),
      aClaim({ trn: '2345678', urn: OTHER_ELIGIBLE_SCHOOL, awardAmountPounds: 3000 }),
    ];
    const uplifted = listedAt([
      [ELIGIBLE_SCHOOL, 2500],
      [OTHER_ELIGIBLE_SCHOOL, 3000],
    ]);
    expect(topUpsOwed(claims, [], uplifted, '2024-05-01')).toEqual([aTopUp(500)]);
  });
});

describe('the award range', () => {
  it('runs from £1 to the year’s maximum, both ends included', () => {
    expect(isWithinAwardRange(1, 3000)).toBe(true);
    expect(isWithinAwardRange(3000, 3000)).toBe(true);
    expect(isWithinAwardRange(0, 3000)).toBe(false);
    expect(isWithinAwardRange(3001, 3000)).toBe(false);
    expect(isWithinAwardRange(2000, undefined)).toBe(false);
  });
});
