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

/**
 * Awards for the schools and years a request asks about. Each claim year in a batch is one
 * statement, which also brings that year's largest award (the ceiling for award plus top-ups), so
 * the schools' amounts and the ceiling eligibility needs with them cost one statement, not two.
 */
export class SchoolAwardLoader {
  private readonly amounts: DataLoader<AwardKey, number | null, string>;
  private readonly maxByYear: DataLoader<number, number | null>;

  constructor(em: EntityManager) {
    this.amounts = new DataLoader(
      async (keys) => {
        const found = new Map<string, number>();
        const byYear = groupBy(keys, (key) => key.year.startYear);
        await Promise.all(
          [...byYear].map(async ([startYear, group]) => {
            // The left join keeps the one row of the year's maximum when no school is listed.
            const rows = await em.execute<
              { max_award_pounds: number | null; urn: number | null; award_amount_pounds: number }[]
            >(
              `select y.max_award_pounds, a.urn, a.award_amount_pounds
               from (select max(award_amount_pounds) as max_award_pounds
                     from workforce.premium_award where academic_year = ?) y
               left join workforce.premium_award a on a.academic_year = ? and a.urn in (?)`,
              [startYear, startYear, [...new Set(group.map((key) => key.urn))]],
            );
            const max = rows[0]?.max_award_pounds;
            this.maxByYear.prime(startYear, max === null || max === undefined ? null : Number(max));
            for (const row of rows) {
              if (row.urn !== null) found.set(`${startYear}:${row.urn}`, row.award_amount_pounds);
            }
          }),
        );
        return keys.map((key) => found.get(`${key.year.startYear}:${key.urn}`) ?? null);
      },
      { cacheKeyFn: (key) => `${key.year.startYear}:${key.urn}` },
    );
    // Primed by every batch of amounts; its own statement only for a year asked about with no school.
    this.maxByYear = new DataLoader(async (startYears) => {
      const rows = await em.execute<{ academic_year: number; max: number }[]>(
        `select academic_year, max(award_amount_pounds) as max from workforce.premium_award
         where academic_year in (?) group by academic_year`,
        [[...startYears]],
      );
      const byYear = new Map(rows.map((row) => [row.academic_year, Number(row.max)]));
      return startYears.map((year) => byYear.get(year) ?? null);
    });
  }

  /** A school's award for a claim year; null when it is not on the list. */
  awardFor(urn: Urn, year: AcademicYear): Promise<number | null> {
    return this.amounts.load({ urn, year });
  }

  /** The awards of these schools and the year's maximum. */
  async schoolAwards(year: AcademicYear, urns: readonly Urn[]): Promise<LoadedSchoolAwards> {
    // One after the other: the maximum comes primed with the amounts, and inside a transaction
    // any statement of its own shares the one connection.
    const amounts = await this.amounts.loadMany(urns.map((urn) => ({ urn, year })));
    const max = await this.maxByYear.load(year.startYear);
    const found = new Map<string, number>();
    amounts.forEach((amount, index) => {
      if (amount instanceof Error) throw amount;
      if (amount !== null) found.set(`${year.startYear}:${urns[index]}`, amount);
    });
    return new LoadedSchoolAwards(found, new Map(max === null ? [] : [[year.startYear, max]]));
  }
}

/** Uncached awards through a given entity manager, e.g. inside a claim's transaction. */
export function loadSchoolAwards(
  em: EntityManager,
  year: AcademicYear,
  urns: readonly Urn[],
): Promise<LoadedSchoolAwards> {
  return new SchoolAwardLoader(em).schoolAwards(year, urns);
}
