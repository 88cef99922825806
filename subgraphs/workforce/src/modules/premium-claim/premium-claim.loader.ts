import { AcademicYear, type EntityManager } from '@estate/subgraph-kit';
import type { Trn } from '../../domain/identifiers';
import type { PremiumClaim, PremiumTopUp } from '../../domain/premium-claim';
import type { EligibleSubject } from '../../domain/subjects';

interface ClaimRow {
  trn: string;
  academic_year: number;
  urn: number;
  subject: string;
  award_amount_pounds: number;
  claimed_on: string;
}

interface TopUpRow {
  trn: string;
  academic_year: number;
  amount_pounds: number;
  created_on: string;
}

export interface ClaimsAndTopUps {
  claims: PremiumClaim[];
  topUps: PremiumTopUp[];
}

/**
 * Claims and their top-ups, either a set of teachers' (any year) or one claim year's, in two
 * statements. `forUpdate` locks the claims so that a concurrent upload or claim waits.
 */
export async function loadClaims(
  em: EntityManager,
  where: { trns: readonly Trn[] } | { year: AcademicYear },
  forUpdate = false,
): Promise<ClaimsAndTopUps> {
  const [condition, params] =
    'trns' in where
      ? ['trn in (?)', [[...new Set(where.trns)]]]
      : ['academic_year = ?', [where.year.startYear]];
  if ('trns' in where && where.trns.length === 0) return { claims: [], topUps: [] };
  // Sequential, not Promise.all: inside a transaction both share one connection.
  const claims = await em.execute<ClaimRow[]>(
    `select trn, academic_year, urn, subject, award_amount_pounds, claimed_on::text
       from workforce.premium_claim where ${condition} order by academic_year, trn
       ${forUpdate ? 'for update' : ''}`,
    params,
  );
  const topUps = await em.execute<TopUpRow[]>(
    `select trn, academic_year, amount_pounds, created_on::text
       from workforce.premium_top_up where ${condition} order by academic_year, trn, id`,
    params,
  );
  return {
    claims: claims.map((row) => ({
      trn: row.trn,
      academicYear: AcademicYear.of(row.academic_year),
      urn: row.urn,
      subject: row.subject as EligibleSubject,
      awardAmountPounds: row.award_amount_pounds,
      claimedOn: row.claimed_on,
    })),
    topUps: topUps.map((row) => ({
      trn: row.trn,
      academicYear: AcademicYear.of(row.academic_year),
      amountPounds: row.amount_pounds,
      createdOn: row.created_on,
    })),
  };
}

/**
 * Serialises claims and award uploads for one claim year within the current transaction, so a
 * claim can never capture an award between a list being replaced and its top-ups being owed.
 */
export async function lockClaimYear(em: EntityManager, year: AcademicYear): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(4004, ?)', [year.startYear]);
}
