import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { type Grade, isBelowGood } from './grades';
import {
  type GradedInspection,
  type Inspection,
  headlineGradedInspections,
  knownOn,
  latestGradedInspection,
} from './inspection';

/**
 * How many headline-graded inspections in a row, newest backwards, were below Good (domain.md §4.3
 * `consecutiveBelowGood`). Ungraded visits and report cards neither count nor break the run, and a
 * graded inspection without a headline grade (from 2 September 2024) is skipped, because Ofsted
 * gave none and none is derived.
 */
export function consecutiveBelowGood(history: readonly Inspection[]): number {
  let run = 0;
  for (const inspection of headlineGradedInspections(history)) {
    if (!isBelowGood(inspection.overallEffectiveness)) break;
    run += 1;
  }
  return run;
}

export type HeadlineGradePair =
  | {
      found: true;
      latest: GradedInspection & { overallEffectiveness: Grade };
      previous: (GradedInspection & { overallEffectiveness: Grade }) | null;
    }
  | { found: false; why: string };

/**
 * The latest and previous headline grades public on `asOf`. The latest graded inspection must carry
 * the headline grade itself: when the newest one has none, the school's current standing cannot be
 * read as a grade, and an older grade does not stand in for it.
 */
export function latestTwoHeadlineGrades(
  history: readonly Inspection[],
  asOf: IsoDate,
): HeadlineGradePair {
  const known = knownOn(history, asOf);
  const latestGraded = latestGradedInspection(known);
  if (latestGraded === null)
    return { found: false, why: `no graded inspection was published by ${asOf}` };
  if (latestGraded.overallEffectiveness === null) {
    return {
      found: false,
      why: `the latest graded inspection (${latestGraded.startDate ?? latestGraded.publicationDate}) has no overall effectiveness grade`,
    };
  }
  const [latest, previous] = headlineGradedInspections(known);
  if (latest === undefined) return { found: false, why: 'no headline grade' };
  return { found: true, latest, previous: previous ?? null };
}
