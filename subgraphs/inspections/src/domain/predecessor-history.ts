import { type Inspection, compareNewestFirst, inspectionDate } from './inspection';

/** One entry of a school's history, saying whose URN the inspection was made under. */
export interface HistoryEntry {
  inspection: Inspection;
  /** True when the inspection was made under another URN, i.e. of the school before it re-registered. */
  isPredecessors: boolean;
}

export interface PredecessorInspections {
  urn: number;
  inspections: readonly Inspection[];
  /**
   * FIAT follows a predecessor only when the school has exactly one predecessor link
   * (`OfstedRepository.GetPredecessorUrns`); see `isUnambiguousPredecessorLink`.
   */
  linkIsUnambiguous: boolean;
}

/** FIAT's test: a school with two or more predecessors (a merger) has no single history to inherit. */
export function isUnambiguousPredecessorLink(predecessorUrns: readonly number[]): boolean {
  return new Set(predecessorUrns).size === 1;
}

/**
 * A school's inspections newest first, with its predecessor's appended where the link is
 * unambiguous. The same inspection can arrive twice (Ofsted MI lists a predecessor's inspection on
 * the successor's row, "URN at time of inspection"), so it is kept once. Own inspections made under
 * another URN are marked as the predecessor's too, because the URN is what tells them apart.
 */
export function mergePredecessorHistory(
  schoolUrn: number,
  ownInspections: readonly Inspection[],
  predecessor: PredecessorInspections | null,
): HistoryEntry[] {
  const inherited = predecessor?.linkIsUnambiguous ? predecessor.inspections : [];
  const seen = new Set<string>();
  const entries: HistoryEntry[] = [];
  for (const inspection of [...ownInspections, ...inherited]) {
    const key = inspectionIdentity(inspection);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ inspection, isPredecessors: inspection.urn !== schoolUrn });
  }
  return entries.sort((a, b) => compareNewestFirst(a.inspection, b.inspection));
}

/**
 * What makes two records the same inspection: URN, kind and date. Not Ofsted's inspection number,
 * because the history and 2020 MI files do not publish it and the key must match across sources.
 * Usable as an idempotent upsert key.
 */
export function inspectionIdentity(inspection: Inspection): string {
  return `${inspection.urn}|${inspection.kind}|${inspectionDate(inspection)}`;
}
