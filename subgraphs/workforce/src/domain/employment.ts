import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import type { Urn } from './identifiers';

export const CONTRACT_TYPES = ['permanent', 'fixed_term', 'supply'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export interface EmploymentSpell {
  urn: Urn;
  startDate: IsoDate;
  /** Last day employed, inclusive; absent while the spell is open. */
  endDate?: IsoDate;
  contractType: ContractType;
  /** Only matters for supply teachers: a contract covering at least one whole term. */
  wholeTermContract: boolean;
  /** Only matters for supply teachers: employed by the school rather than through an agency. */
  employedDirectlyBySchool: boolean;
}

/** A spell is current on a date when it has started by then and has not yet ended (end date inclusive). */
export function isCurrentOn(spell: EmploymentSpell, date: IsoDate): boolean {
  return spell.startDate <= date && (spell.endDate === undefined || spell.endDate >= date);
}

/**
 * The school a teacher claims for. With a URN, the current spell there (the teacher names the
 * school, as in CAPT's journey). Without one, the most recently started current spell, the lower URN
 * breaking a tie so the answer does not depend on the order of the records.
 */
export function currentEmployment(
  spells: readonly EmploymentSpell[],
  date: IsoDate,
  urn?: Urn,
): EmploymentSpell | undefined {
  const current = spells
    .filter((spell) => isCurrentOn(spell, date) && (urn === undefined || spell.urn === urn))
    .sort((a, b) =>
      a.startDate === b.startDate ? a.urn - b.urn : a.startDate < b.startDate ? 1 : -1,
    );
  return current[0];
}

/** CAPT `supply_teacher_lacking_either_long_contract_or_direct_employment?`. */
export function isIneligibleSupplyContract(spell: EmploymentSpell): boolean {
  return (
    spell.contractType === 'supply' && !(spell.wholeTermContract && spell.employedDirectlyBySchool)
  );
}
