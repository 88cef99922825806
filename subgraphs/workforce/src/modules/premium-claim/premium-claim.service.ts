import {
  type AcademicYear,
  badUserInput,
  type EntityManager,
  type InputProblem,
  type IsoDate,
  manyByKey,
  notFound,
  parseUrn,
  type Viewer,
} from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { assertCanClaim } from '../../authorization';
import { isTrn, isUrn, type Trn } from '../../domain/identifiers';
import {
  claimTotalPounds,
  decidePremiumClaim,
  type PremiumClaim as ClaimRecord,
  type PremiumTopUp as TopUpRecord,
} from '../../domain/premium-claim';
import { assessmentDateFor } from '../../domain/premium-eligibility';
import { isPremiumOpenIn, type PremiumPolicyYears } from '../../domain/premium-policy';
import { loadSchoolAwards } from '../premium-award/premium-award.loader';
import { loadTeachers } from '../teacher/teacher.loader';
import { PremiumClaimEntity } from './premium-claim.entity';
import { loadClaims, lockClaimYear } from './premium-claim.loader';
import type { PremiumClaim, SubmitPremiumClaimPayload } from './premium-claim.type';

function toClaim(claim: ClaimRecord, topUps: readonly TopUpRecord[]): PremiumClaim {
  const own = topUps.filter(
    (topUp) => topUp.trn === claim.trn && topUp.academicYear.equals(claim.academicYear),
  );
  return {
    trn: claim.trn,
    academicYear: claim.academicYear,
    urn: claim.urn,
    subject: claim.subject,
    awardAmountPounds: claim.awardAmountPounds,
    claimedOn: claim.claimedOn,
    topUps: own.map((topUp) => ({ amountPounds: topUp.amountPounds, createdOn: topUp.createdOn })),
    totalAmountPounds: claimTotalPounds(claim, own),
  };
}

export class PremiumClaimService {
  private readonly byTrn: DataLoader<Trn, PremiumClaim[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly policyYears: PremiumPolicyYears,
    private readonly today: () => IsoDate,
  ) {
    this.byTrn = new DataLoader(async (trns) => {
      const { claims, topUps } = await loadClaims(em, { trns });
      return manyByKey(trns, claims, (claim) => claim.trn).map((own) =>
        own.map((claim) => toClaim(claim, topUps)),
      );
    });
  }

  /** Claims of a teacher the caller has already been allowed to see. */
  claimsOf(trn: Trn): Promise<PremiumClaim[]> {
    return this.byTrn.load(trn);
  }

  /**
   * One transaction, serialised with uploads for the same year: the teacher's record and claims,
   * the school's award as it stands now, CAPT's decision, and the claim if accepted. The primary
   * key (trn, year) keeps it to one claim a year even if two requests race.
   */
  async submit(trn: string, year: AcademicYear, urn: number): Promise<SubmitPremiumClaimPayload> {
    const problems: InputProblem[] = [];
    if (!isTrn(trn)) problems.push({ path: 'trn', message: `must be 7 digits, got "${trn}"` });
    if (!isUrn(urn)) problems.push({ path: 'urn', message: `must be a 6-digit URN, got ${urn}` });
    const today = this.today();
    if (isPremiumOpenIn(this.policyYears, year) && !year.contains(today)) {
      problems.push({
        path: 'academicYear',
        message: `claims for ${year.label} are made during ${year.label}; today is ${today}`,
      });
    }
    if (problems.length > 0)
      throw badUserInput(`${problems.length} problem(s) with the claim`, problems);
    assertCanClaim(this.viewer, trn);
    parseUrn(urn);
    const claimedOn = assessmentDateFor(year, today);

    return this.em.transactional(async (tx) => {
      await lockClaimYear(tx, year);
      const [teacher] = await loadTeachers(tx, [trn]);
      if (!teacher) throw notFound(`No teacher has TRN ${trn}`);
      const { claims, topUps } = await loadClaims(tx, { trns: [trn] }, true);
      // The award as it stands inside the transaction, not as an earlier read in the request saw it.
      const awards = await loadSchoolAwards(tx, year, [urn]);
      const decision = decidePremiumClaim({
        teacher,
        claimYear: year,
        urn,
        claimedOn,
        existingClaims: claims,
        policyYears: this.policyYears,
        awards,
      });
      if (!decision.accepted) {
        return {
          claim: null,
          refusalReason: decision.reason,
          eligibility: decision.eligibility && {
            ...decision.eligibility,
            academicYear: year,
            assessedOn: claimedOn,
          },
        };
      }
      const { claim } = decision;
      await tx.insertMany(PremiumClaimEntity, [
        {
          trn: claim.trn,
          academicYear: claim.academicYear.startYear,
          urn: claim.urn,
          subject: claim.subject,
          awardAmountPounds: claim.awardAmountPounds,
          claimedOn: claim.claimedOn,
        },
      ]);
      this.byTrn.clear(trn);
      return {
        claim: toClaim(claim, topUps),
        refusalReason: null,
        eligibility: {
          eligible: true,
          reason: null,
          awardAmountPounds: claim.awardAmountPounds,
          eligibleLater: false,
          subject: claim.subject,
          urn: claim.urn,
          academicYear: year,
          assessedOn: claimedOn,
        },
      };
    });
  }
}
