import {
  type Env,
  type IsoDate,
  parseIsoDate,
  readSubgraphConfig,
  type SubgraphConfig,
  todayIso,
} from '@estate/subgraph-kit';
import { type PremiumPolicyYears, premiumPolicyYears } from './domain/premium-policy';

export interface WorkforceConfig extends SubgraphConfig {
  /** The claim years the premium runs in (domain.md §5.1): configuration, never a constant. */
  policyYears: PremiumPolicyYears;
  /**
   * Today's date, which fixes the claim date and the assessment date of a running year.
   * `WORKFORCE_TODAY` pins it for demos and reproducible runs; by default it is the real date.
   */
  today: () => IsoDate;
}

export function readWorkforceConfig(env: Env): WorkforceConfig {
  const pinnedToday = env.WORKFORCE_TODAY
    ? parseIsoDate(env.WORKFORCE_TODAY, 'WORKFORCE_TODAY')
    : undefined;
  return {
    ...readSubgraphConfig(env, 'workforce', 4004),
    policyYears: premiumPolicyYears({
      firstClaimYear: env.PREMIUM_FIRST_CLAIM_YEAR || undefined,
      lastClaimYear: env.PREMIUM_LAST_CLAIM_YEAR || undefined,
    }),
    today: pinnedToday ? () => pinnedToday : () => todayIso(),
  };
}
