import type { IsoDate } from '@estate/subgraph-kit/src/dates';

export const FORMAL_ACTION_KINDS = ['performance', 'disciplinary'] as const;
export type FormalActionKind = (typeof FORMAL_ACTION_KINDS)[number];

/** Formal capability (poor performance) or disciplinary action against the teacher. */
export interface FormalAction {
  kind: FormalActionKind;
  startedOn: IsoDate;
  /** Last day the action applied, inclusive; absent while it is ongoing. */
  endedOn?: IsoDate;
}

/**
 * CAPT asks whether the teacher is *currently* subject to formal performance or disciplinary
 * action, so only an action in force on the assessment date counts; one that has ended, or that
 * starts later, does not.
 */
export function isSubjectToFormalActionOn(
  actions: readonly FormalAction[],
  date: IsoDate,
): boolean {
  return actions.some(
    (action) =>
      action.startedOn <= date && (action.endedOn === undefined || action.endedOn >= date),
  );
}
