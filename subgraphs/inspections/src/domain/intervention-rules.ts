import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { latestTwoHeadlineGrades } from './grade-history';
import { gradeLabel } from './grades';
import {
  type CategoryOfConcern,
  type Inspection,
  inspectionDate,
  knownOn,
  latestFullInspection,
  newestFirst,
} from './inspection';
import { isBelowExpectedStandard, reportCardGradeLabel } from './report-card';

/**
 * What being eligible leads to. Intervention means structural action (an academy order or a
 * termination warning notice); support means an improvement offer with no structural action.
 */
export type InterventionResponse = 'intervention' | 'support';

export interface RuleOutcome {
  eligible: boolean;
  /** The reason in words, naming the inspections and grades it rests on. */
  reason: string;
  /** Set when eligible. */
  response: InterventionResponse | null;
  /** False when the rule cannot read this school's record at all, e.g. a 1–4 rule over a report card. */
  applies: boolean;
}

const CATEGORY_WORDING: Record<CategoryOfConcern, string> = {
  specialMeasures: 'special measures',
  seriousWeaknesses: 'serious weaknesses (requires significant improvement)',
  noticeToImprove: 'notice to improve',
};

const describeDate = (inspection: Inspection) => inspectionDate(inspection);

/**
 * Category of concern (Education and Adoption Act 2016; restated in "Support and intervention in
 * schools", Nov 2024). Special measures or serious weaknesses / requires significant improvement at
 * the latest full inspection makes a school eligible: a maintained school must get a directive
 * academy order, an academy faces a presumed termination warning notice. Notice to improve is the
 * pre-2012 category the Act does not name, so it does not qualify.
 */
export function categoryOfConcernRule(history: readonly Inspection[], asOf: IsoDate): RuleOutcome {
  const latest = latestFullInspection(knownOn(history, asOf));
  if (latest === null) {
    return {
      eligible: false,
      applies: true,
      response: null,
      reason: `no full inspection was published by ${asOf}`,
    };
  }
  const category = latest.categoryOfConcern;
  if (category === null) {
    return {
      eligible: false,
      applies: true,
      response: null,
      reason: `the latest full inspection (${describeDate(latest)}) placed the school in no category of concern`,
    };
  }
  if (category === 'noticeToImprove') {
    return {
      eligible: false,
      applies: true,
      response: null,
      reason: `the latest full inspection (${describeDate(latest)}) gave a notice to improve, the pre-2012 category that the intervention duty does not cover`,
    };
  }
  return {
    eligible: true,
    applies: true,
    response: 'intervention',
    reason: `the latest full inspection (${describeDate(latest)}) placed the school in ${CATEGORY_WORDING[category]}: a maintained school must be issued a directive academy order and an academy faces a presumed termination warning notice`,
  };
}

/**
 * The shared test of the 2022 rule and the 2024 support offer: requires improvement at the latest
 * graded inspection and below Good (3 or 4) at the previous one.
 */
function requiresImprovementAfterBelowGood(
  history: readonly Inspection[],
  asOf: IsoDate,
): { met: boolean; reason: string } {
  const grades = latestTwoHeadlineGrades(history, asOf);
  if (!grades.found) return { met: false, reason: grades.why };
  const { latest, previous } = grades;
  const latestDate = describeDate(latest);
  const latestWords = `${gradeLabel(latest.overallEffectiveness, latestDate)} at the latest graded inspection (${latestDate})`;
  if (latest.overallEffectiveness !== 3)
    return { met: false, reason: `${latestWords}, not requires improvement` };
  if (previous === null)
    return { met: false, reason: `${latestWords}, with no earlier graded inspection` };
  const previousDate = describeDate(previous);
  const previousWords = `${gradeLabel(previous.overallEffectiveness, previousDate)} at the previous one (${previousDate})`;
  if (previous.overallEffectiveness < 3) {
    return { met: false, reason: `${latestWords} but ${previousWords}` };
  }
  return { met: true, reason: `${latestWords} and ${previousWords}` };
}

/**
 * "2RI" (from 1 September 2022; HCR Law, Browne Jacobson [3rd-party]): requires improvement at the
 * most recent graded inspection and below Good at the previous one makes a school eligible for
 * intervention, at a Regional Director's discretion. The 4-consecutive / 5+ history nuance around a
 * 1 May 2021 cut-off is not specified closely enough in domain.md to implement.
 */
export function twoRequiresImprovement2022(
  history: readonly Inspection[],
  asOf: IsoDate,
): RuleOutcome {
  const test = requiresImprovementAfterBelowGood(history, asOf);
  return test.met
    ? {
        eligible: true,
        applies: true,
        response: 'intervention',
        reason: `${test.reason}: eligible for intervention under the 2022 "2RI" policy, at the Regional Director's discretion`,
      }
    : { eligible: false, applies: true, response: null, reason: test.reason };
}

/**
 * Stuck schools (Nov 2024 "Support and intervention in schools"; RISE teams from 2025; Schools Week,
 * TES [3rd-party]): the same two-inspection test as 2RI, but DfE no longer issues academy orders for
 * it, so the school is eligible for support only.
 */
export function stuckSchoolSupport2024(history: readonly Inspection[], asOf: IsoDate): RuleOutcome {
  const latestFull = latestFullInspection(knownOn(history, asOf));
  if (latestFull?.kind === 'reportCard') {
    return {
      eligible: false,
      applies: false,
      response: null,
      reason: `the latest full inspection (${describeDate(latestFull)}) is a report card, which the four-point test does not read`,
    };
  }
  const test = requiresImprovementAfterBelowGood(history, asOf);
  return test.met
    ? {
        eligible: true,
        applies: true,
        response: 'support',
        reason: `${test.reason}: a "stuck school", eligible for RISE support but not for an academy order`,
      }
    : { eligible: false, applies: true, response: null, reason: test.reason };
}

/**
 * PROPOSAL-LEVEL (Schools Week 3 Feb 2025, TES [3rd-party]; domain.md §7 marks it unverified):
 * under report cards a school is stuck when leadership and governance "needs attention" and the
 * previous full inspection was below Good or equivalent, followed by two years of support. "Or
 * equivalent" is read [inference] as a previous report card whose leadership and governance was
 * below the expected standard, or a previous category of concern.
 */
export function reportCardStuckSchoolProposal2025(
  history: readonly Inspection[],
  asOf: IsoDate,
): RuleOutcome {
  const fullInspections = newestFirst(knownOn(history, asOf)).filter(
    (i) => i.kind === 'graded' || i.kind === 'reportCard',
  );
  const [latest, previous] = fullInspections;
  if (latest?.kind !== 'reportCard') {
    return {
      eligible: false,
      applies: false,
      response: null,
      reason: 'the latest full inspection is not a report card',
    };
  }
  const leadership = latest.evaluations.leadershipAndGovernance;
  const latestWords = `leadership and governance ${leadership ? `"${reportCardGradeLabel(leadership)}"` : 'not evaluated'} on the report card of ${describeDate(latest)}`;
  if (leadership !== 'needsAttention')
    return { eligible: false, applies: true, response: null, reason: latestWords };
  if (previous === undefined) {
    return {
      eligible: false,
      applies: true,
      response: null,
      reason: `${latestWords}, with no earlier full inspection`,
    };
  }
  const previousBelowGood = previousWasBelowGoodOrEquivalent(previous);
  if (previousBelowGood.unknown || !previousBelowGood.below) {
    return {
      eligible: false,
      applies: true,
      response: null,
      reason: `${latestWords}, but ${previousBelowGood.words}`,
    };
  }
  return {
    eligible: true,
    applies: true,
    response: 'support',
    reason: `${latestWords} and ${previousBelowGood.words}: eligible for two years of support before structural intervention (proposal-level definition)`,
  };
}

function previousWasBelowGoodOrEquivalent(previous: Inspection): {
  below: boolean;
  unknown: boolean;
  words: string;
} {
  const date = describeDate(previous);
  if (previous.categoryOfConcern !== null && previous.categoryOfConcern !== 'noticeToImprove') {
    return {
      below: true,
      unknown: false,
      words: `a category of concern at the previous full inspection (${date})`,
    };
  }
  if (previous.kind === 'reportCard') {
    const leadership = previous.evaluations.leadershipAndGovernance;
    if (leadership === undefined) {
      return {
        below: false,
        unknown: true,
        words: `the previous report card (${date}) has no leadership and governance evaluation`,
      };
    }
    return {
      below: isBelowExpectedStandard(leadership),
      unknown: false,
      words: `leadership and governance "${reportCardGradeLabel(leadership)}" at the previous report card (${date})`,
    };
  }
  if (previous.overallEffectiveness === null) {
    return {
      below: false,
      unknown: true,
      words: `the previous graded inspection (${date}) has no overall effectiveness grade, and none is derived from sub-judgements`,
    };
  }
  return {
    below: previous.overallEffectiveness >= 3,
    unknown: false,
    words: `${gradeLabel(previous.overallEffectiveness, date)} at the previous graded inspection (${date})`,
  };
}
