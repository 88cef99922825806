import type { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import { badUserInput } from '@estate/subgraph-kit/src/errors';
import { isUrn, type Urn } from './identifiers';

/**
 * DfE's list of eligible schools for one claim year with the per-teacher award at each. The
 * amount depends only on the school; an absent school is not eligible.
 */
export interface AwardList {
  academicYear: AcademicYear;
  awardPoundsByUrn: ReadonlyMap<Urn, number>;
}

/** What eligibility and claims need to know about awards; SQL can back it as well as memory. */
export interface SchoolAwards {
  /** Undefined when the school is not on that year's list. Never falls back to another year or URN. */
  awardPoundsFor(urn: Urn, claimYear: AcademicYear): number | undefined;
  /** The largest amount on that year's list; undefined when the year has no list. */
  maxAwardPoundsFor(claimYear: AcademicYear): number | undefined;
}

/** Builds a list, dropping £0 rows (CAPT skips them: listed at 0 means not eligible). */
export function createAwardList(
  academicYear: AcademicYear,
  entries: Iterable<readonly [Urn, number]>,
): AwardList {
  const awardPoundsByUrn = new Map<Urn, number>();
  for (const [urn, awardPounds] of entries) {
    if (!isUrn(urn)) throw badUserInput(`award list URN must be 6 digits, got ${urn}`);
    if (!Number.isInteger(awardPounds) || awardPounds < 0) {
      throw badUserInput(`award for URN ${urn} must be whole pounds, got ${awardPounds}`);
    }
    if (awardPoundsByUrn.has(urn)) throw badUserInput(`URN ${urn} appears twice in the award list`);
    if (awardPounds > 0) awardPoundsByUrn.set(urn, awardPounds);
  }
  return { academicYear, awardPoundsByUrn };
}

export function maxAwardPounds(list: AwardList): number | undefined {
  let max: number | undefined;
  for (const amount of list.awardPoundsByUrn.values())
    max = max === undefined ? amount : Math.max(max, amount);
  return max;
}

/** Counts of schools by award amount, ascending, to check an import against its source. */
export function schoolCountsByAwardPounds(list: AwardList): Map<number, number> {
  const counts = new Map<number, number>();
  for (const amount of list.awardPoundsByUrn.values())
    counts.set(amount, (counts.get(amount) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a - b));
}

/** Every year's latest list, held in memory. Immutable: an upload returns a new value. */
export class AwardLists implements SchoolAwards {
  private constructor(private readonly listsByYear: ReadonlyMap<number, AwardList>) {}

  static of(...lists: AwardList[]): AwardLists {
    return lists.reduce((all, list) => all.withUpload(list), new AwardLists(new Map()));
  }

  /** The upload fully replaces that year's list (CAPT `FileUpload.latest_version_for`); other years are untouched. */
  withUpload(list: AwardList): AwardLists {
    return new AwardLists(new Map(this.listsByYear).set(list.academicYear.startYear, list));
  }

  listFor(claimYear: AcademicYear): AwardList | undefined {
    return this.listsByYear.get(claimYear.startYear);
  }

  awardPoundsFor(urn: Urn, claimYear: AcademicYear): number | undefined {
    return this.listFor(claimYear)?.awardPoundsByUrn.get(urn);
  }

  maxAwardPoundsFor(claimYear: AcademicYear): number | undefined {
    const list = this.listFor(claimYear);
    return list && maxAwardPounds(list);
  }
}
