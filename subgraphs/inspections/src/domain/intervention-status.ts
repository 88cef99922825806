import { type IsoDate, parseIsoDate } from '@estate/subgraph-kit/src/dates';
import type { Inspection } from './inspection';
import {
  type InterventionResponse,
  type RuleOutcome,
  categoryOfConcernRule,
  reportCardStuckSchoolProposal2025,
  stuckSchoolSupport2024,
  twoRequiresImprovement2022,
} from './intervention-rules';
import { REPORT_CARDS_START_DATE } from './report-card';

export type InterventionRuleId =
  | 'categoryOfConcern'
  | 'twoRequiresImprovement2022'
  | 'stuckSchoolSupport2024'
  | 'reportCardStuckSchoolProposal2025';

/** How firm the rule's footing is, so a client can tell law from a reported proposal. */
export type RuleStanding = 'statutory' | 'policy' | 'proposal';

export interface InterventionRule {
  id: InterventionRuleId;
  name: string;
  /** For joining several rules' reasons into one sentence. */
  shortName: string;
  standing: RuleStanding;
  evaluate: (history: readonly Inspection[], asOf: IsoDate) => RuleOutcome;
}

export const INTERVENTION_RULES: Record<InterventionRuleId, InterventionRule> = {
  categoryOfConcern: {
    id: 'categoryOfConcern',
    shortName: 'Category of concern',
    name: 'Category of concern (special measures or serious weaknesses / requires significant improvement)',
    standing: 'statutory',
    evaluate: categoryOfConcernRule,
  },
  twoRequiresImprovement2022: {
    id: 'twoRequiresImprovement2022',
    shortName: '2RI (2022)',
    name: '2RI: requires improvement now and below Good at the previous graded inspection (Sept 2022)',
    standing: 'policy',
    evaluate: twoRequiresImprovement2022,
  },
  stuckSchoolSupport2024: {
    id: 'stuckSchoolSupport2024',
    shortName: 'Stuck school (2024)',
    name: 'Stuck school: 2RI pattern, support without an academy order (Nov 2024 support and intervention)',
    standing: 'policy',
    evaluate: stuckSchoolSupport2024,
  },
  reportCardStuckSchoolProposal2025: {
    id: 'reportCardStuckSchoolProposal2025',
    shortName: 'Report card stuck school (2025 proposal)',
    name: 'Report card: leadership and governance needs attention after a below-Good inspection (2025, proposal-level)',
    standing: 'proposal',
    evaluate: reportCardStuckSchoolProposal2025,
  },
};

/** domain.md §4.3 puts the 2RI rule in force from 1 September 2022. */
export const TWO_REQUIRES_IMPROVEMENT_FROM: IsoDate = '2022-09-01';

/**
 * domain.md §4.3 says DfE stopped 2RI academy orders "from Sept 2024"; the policy was put in writing
 * by the "Support and intervention in schools" guidance published on 1 November 2024 (Browne
 * Jacobson 13 Nov 2024, a domain.md source), so that is the day the rule changes here.
 */
export const SUPPORT_AND_INTERVENTION_FROM: IsoDate = '2024-11-01';

export interface RuleEra {
  from: IsoDate;
  /** Checked in order; the first that finds the school eligible decides. */
  rules: readonly InterventionRuleId[];
}

/**
 * Which rules were in force when, oldest first. The 2016 "coasting" definition (domain.md §6.12)
 * rested on attainment and progress data this subgraph does not hold, so before September 2022 only
 * the category of concern is assessed.
 */
export const INTERVENTION_RULE_TIMELINE: readonly RuleEra[] = [
  { from: '0000-01-01', rules: ['categoryOfConcern'] },
  {
    from: TWO_REQUIRES_IMPROVEMENT_FROM,
    rules: ['categoryOfConcern', 'twoRequiresImprovement2022'],
  },
  { from: SUPPORT_AND_INTERVENTION_FROM, rules: ['categoryOfConcern', 'stuckSchoolSupport2024'] },
  {
    from: REPORT_CARDS_START_DATE,
    rules: ['categoryOfConcern', 'reportCardStuckSchoolProposal2025', 'stuckSchoolSupport2024'],
  },
];

export function rulesInForceOn(date: IsoDate): readonly InterventionRuleId[] {
  const era = [...INTERVENTION_RULE_TIMELINE].reverse().find((candidate) => candidate.from <= date);
  // The first era starts at year 0, so there is always one.
  return era!.rules;
}

export interface InterventionStatus {
  asOf: IsoDate;
  eligible: boolean;
  /** The rule that made the school eligible or, when none did, the most specific rule checked. */
  rule: InterventionRuleId;
  ruleName: string;
  standing: RuleStanding;
  response: InterventionResponse | null;
  reason: string;
}

/**
 * Is the school eligible for intervention or support on `asOf`, by the rules in force that day, over
 * the inspections published by then? `history` should already include predecessor inspections where
 * the link is unambiguous (see `mergePredecessorHistory`).
 */
export function interventionStatus(
  history: readonly Inspection[],
  asOf: IsoDate,
): InterventionStatus {
  parseIsoDate(asOf, 'asOf');
  const ruleIds = rulesInForceOn(asOf);
  const outcomes = ruleIds.map((id) => ({
    rule: INTERVENTION_RULES[id],
    outcome: INTERVENTION_RULES[id].evaluate(history, asOf),
  }));
  const decisive = outcomes.find(({ outcome }) => outcome.eligible);
  if (decisive) return statusFrom(asOf, decisive.rule, decisive.outcome, decisive.outcome.reason);
  const mostSpecific =
    outcomes.find(({ rule, outcome }) => rule.id !== 'categoryOfConcern' && outcome.applies) ??
    outcomes[outcomes.length - 1]!;
  const reason = outcomes
    .filter(({ outcome }) => outcome.applies)
    .map(({ rule, outcome }) => `${rule.shortName}: ${outcome.reason}`)
    .join('; ');
  return statusFrom(asOf, mostSpecific.rule, mostSpecific.outcome, `not eligible. ${reason}`);
}

function statusFrom(
  asOf: IsoDate,
  rule: InterventionRule,
  outcome: RuleOutcome,
  reason: string,
): InterventionStatus {
  return {
    asOf,
    eligible: outcome.eligible,
    rule: rule.id,
    ruleName: rule.name,
    standing: rule.standing,
    response: outcome.response,
    reason,
  };
}
