import { type AcademicYear, type EntityManager, groupBy } from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import type { SchoolAwards } from '../../domain/award-list';
import type { Urn } from '../../domain/identifiers';

export interface AwardKey {
  year: AcademicYear;
  urn: Urn;
}

/**
 * Awards for the schools and years a request asked about, held so that the domain's synchronous
 * `SchoolAwards` can be answered from memory. A school absent from the map is not on the list.
 */
export class LoadedSchoolAwards implements SchoolAwards {
  constructor(
    private readonly amounts: ReadonlyMap<string, number>,
    private readonly maxByYear: ReadonlyMap<number, number>,
  ) {}

  awardPoundsFor(urn: Urn, claimYear: AcademicYear): number | undefined {
    return this.amounts.get(`${claimYear.startYear}:${urn}`);
  }

  maxAwardPoundsFor(claimYear: AcademicYear): number | undefined {
    return this.maxByYear.get(claimYear.startYear);
  }
}

/** One statement per claim year in the batch, however many schools. */
export function createAwardLoader(em: EntityManager): DataLoader<AwardKey, number | null, string> {
  return new DataLoader(
    async (keys) => {
      const found = new Map<string, number>();
      const byYear = groupBy(keys, (key) => key.year.startYear);
      await Promise.all(
        [...byYear].map(async ([startYear, group]) => {
          const rows = await em.execute<{ urn: number; award_amount_pounds: number }[]>(
            `select urn, award_amount_pounds from workforce.premium_award
             where academic_year = ? and urn in (?)`,
            [startYear, [...new Set(group.map((key) => key.urn))]],
          );
          for (const row of rows) found.set(`${startYear}:${row.urn}`, row.award_amount_pounds);
        }),
      );
      return keys.map((key) => found.get(`${key.year.startYear}:${key.urn}`) ?? null);
    },
    { cacheKeyFn: (key) => `${key.year.startYear}:${key.urn}` },
  );
}

/** The largest amount on each year's list (the ceiling for award plus top-ups); one statement. */
export function createMaxAwardLoader(em: EntityManager): DataLoader<number, number | null> {
  return new DataLoader(async (startYears) => {
    const rows = await em.execute<{ academic_year: number; max: number }[]>(
      `select academic_year, max(award_amount_pounds) as max from workforce.premium_award
       where academic_year in (?) group by academic_year`,
      [[...startYears]],
    );
    const byYear = new Map(rows.map((row) => [row.academic_year, Number(row.max)]));
    return startYears.map((year) => byYear.get(year) ?? null);
  });
}

/** The awards of these schools and the year's maximum, through the loaders given. */
export async function schoolAwardsFrom(
  awards: DataLoader<AwardKey, number | null, string>,
  maxAwards: DataLoader<number, number | null>,
  year: AcademicYear,
  urns: readonly Urn[],
): Promise<LoadedSchoolAwards> {
  // One after the other: inside a transaction both statements share one connection.
  const amounts = await awards.loadMany(urns.map((urn) => ({ urn, year })));
  const max = await maxAwards.load(year.startYear);
  const found = new Map<string, number>();
  amounts.forEach((amount, index) => {
    if (amount instanceof Error) throw amount;
    if (amount !== null) found.set(`${year.startYear}:${urns[index]}`, amount);
  });
  return new LoadedSchoolAwards(found, new Map(max === null ? [] : [[year.startYear, max]]));
}

/** Uncached awards through a given entity manager, e.g. inside a claim's transaction. */
export function loadSchoolAwards(
  em: EntityManager,
  year: AcademicYear,
  urns: readonly Urn[],
): Promise<LoadedSchoolAwards> {
  return schoolAwardsFrom(createAwardLoader(em), createMaxAwardLoader(em), year, urns);
}
