import type { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import type { SchoolAwards } from './award-list';
import type { Trn, Urn } from './identifiers';
import {
  premiumEligibility,
  type PremiumEligibility,
  type PremiumIneligibilityReason,
} from './premium-eligibility';
import type { PremiumPolicyYears } from './premium-policy';
import type { EligibleSubject } from './subjects';
import type { Teacher } from './teacher';

/** A submitted claim. The award is fixed when the claim is made and never recomputed. */
export interface PremiumClaim {
  trn: Trn;
  academicYear: AcademicYear;
  urn: Urn;
  subject: EligibleSubject;
  awardAmountPounds: number;
  claimedOn: IsoDate;
}

/** Extra money paid on a claim after its school's award was raised (an uplift). */
export interface PremiumTopUp {
  trn: Trn;
  academicYear: AcademicYear;
  amountPounds: number;
  createdOn: IsoDate;
}

export type ClaimRefusalReason = 'already_claimed' | 'eligible_later' | PremiumIneligibilityReason;

export type ClaimDecision =
  | { accepted: true; claim: PremiumClaim }
  | { accepted: false; reason: ClaimRefusalReason; eligibility: PremiumEligibility | null };

export interface ClaimRequest {
  teacher: Teacher;
  claimYear: AcademicYear;
  urn: Urn;
  claimedOn: IsoDate;
  /** The teacher's existing claims, any year. */
  existingClaims: readonly PremiumClaim[];
  policyYears: PremiumPolicyYears;
  awards: SchoolAwards;
}

/** CAPT `eligibility.rb#award_amount_must_be_in_range`: award plus top-ups within 1..max for the year. */
export function isWithinAwardRange(totalPounds: number, maxPounds: number | undefined): boolean {
  return (
    Number.isInteger(totalPounds) &&
    maxPounds !== undefined &&
    totalPounds >= 1 &&
    totalPounds <= maxPounds
  );
}

export function claimTotalPounds(claim: PremiumClaim, topUps: readonly PremiumTopUp[]): number {
  return topUpsFor(claim, topUps).reduce(
    (sum, topUp) => sum + topUp.amountPounds,
    claim.awardAmountPounds,
  );
}

function topUpsFor(claim: PremiumClaim, topUps: readonly PremiumTopUp[]): PremiumTopUp[] {
  return topUps.filter(
    (topUp) => topUp.trn === claim.trn && topUp.academicYear.equals(claim.academicYear),
  );
}

/**
 * Decides a new claim: one per teacher per claim year, assessed on the claim date at the named
 * school, with the award captured from that year's list as it stands now.
 */
export function decidePremiumClaim(request: ClaimRequest): ClaimDecision {
  const { teacher, claimYear, urn, claimedOn, awards } = request;
  const alreadyClaimed = request.existingClaims.some(
    (claim) => claim.trn === teacher.trn && claim.academicYear.equals(claimYear),
  );
  if (alreadyClaimed) return { accepted: false, reason: 'already_claimed', eligibility: null };

  const eligibility = premiumEligibility(teacher, claimYear, {
    policyYears: request.policyYears,
    awards,
    asOf: claimedOn,
    urn,
  });
  if (eligibility.eligibleLater) return { accepted: false, reason: 'eligible_later', eligibility };
  if (
    !eligibility.eligible ||
    eligibility.awardAmountPounds === null ||
    eligibility.subject === null
  ) {
    return { accepted: false, reason: eligibility.reason ?? 'school_ineligible', eligibility };
  }
  const awardAmountPounds = eligibility.awardAmountPounds;
  if (!isWithinAwardRange(awardAmountPounds, awards.maxAwardPoundsFor(claimYear))) {
    // Cannot happen with a consistent list (the max is the list's largest amount); a broken
    // SchoolAwards implementation must not produce an out-of-range claim.
    throw new Error(`award £${awardAmountPounds} for URN ${urn} is outside its year's range`);
  }
  return {
    accepted: true,
    claim: {
      trn: teacher.trn,
      academicYear: claimYear,
      urn,
      subject: eligibility.subject,
      awardAmountPounds,
      claimedOn,
    },
  };
}

/**
 * The top-up a claim is owed under the year's current list: the school's amount minus what the
 * claim already carries. Nothing when the amount fell or the school left the list, because
 * claims are never recomputed downwards; nothing when the total would leave 1..max.
 */
export function topUpOwed(
  claim: PremiumClaim,
  topUps: readonly PremiumTopUp[],
  awards: SchoolAwards,
  createdOn: IsoDate,
): PremiumTopUp | null {
  const currentAwardPounds = awards.awardPoundsFor(claim.urn, claim.academicYear);
  if (currentAwardPounds === undefined) return null;
  const paidPounds = claimTotalPounds(claim, topUps);
  const amountPounds = currentAwardPounds - paidPounds;
  if (amountPounds <= 0) return null;
  if (!isWithinAwardRange(paidPounds + amountPounds, awards.maxAwardPoundsFor(claim.academicYear)))
    return null;
  return { trn: claim.trn, academicYear: claim.academicYear, amountPounds, createdOn };
}

/** The top-ups an upload triggers across a year's claims, e.g. right after replacing its award list. */
export function topUpsOwed(
  claims: readonly PremiumClaim[],
  topUps: readonly PremiumTopUp[],
  awards: SchoolAwards,
  createdOn: IsoDate,
): PremiumTopUp[] {
  return claims.flatMap((claim) => topUpOwed(claim, topUps, awards, createdOn) ?? []);
}
