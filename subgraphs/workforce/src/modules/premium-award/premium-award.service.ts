import {
  type AcademicYear,
  badUserInput,
  type EntityManager,
  type IsoDate,
  type Viewer,
} from '@estate/subgraph-kit';
import { assertCanManagePremiumData } from '../../authorization';
import { type AwardList, AwardLists, schoolCountsByAwardPounds } from '../../domain/award-list';
import type { Urn } from '../../domain/identifiers';
import { topUpsOwed } from '../../domain/premium-claim';
import { parseAwardListCsv } from '../../import/award-list-csv';
import { loadClaims, lockClaimYear } from '../premium-claim/premium-claim.loader';
import { PremiumTopUpEntity } from '../premium-claim/premium-claim.entity';
import { PremiumAwardEntity, PremiumAwardUploadEntity } from './premium-award.entity';
import { type LoadedSchoolAwards, SchoolAwardLoader } from './premium-award.loader';
import type { PremiumAwardListUpload } from './premium-award.type';

const INSERT_CHUNK = 2_000;

/**
 * Replaces a claim year's list in the caller's transaction and gives every claim of that year the
 * top-up it is now owed. Claims are never recomputed: a lower amount or a school dropped from the
 * list changes nothing already claimed (domain.md §5.3).
 */
export async function replaceAwardList(
  em: EntityManager,
  list: AwardList,
  source: string,
  today: IsoDate,
): Promise<Omit<PremiumAwardListUpload, 'skippedZeroAmountRows'>> {
  const year = list.academicYear;
  await lockClaimYear(em, year);
  await em.execute('delete from workforce.premium_award where academic_year = ?', [year.startYear]);
  const rows = [...list.awardPoundsByUrn].map(([urn, awardAmountPounds]) => ({
    academicYear: year.startYear,
    urn,
    awardAmountPounds,
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await em.insertMany(PremiumAwardEntity, rows.slice(i, i + INSERT_CHUNK));
  }
  await em.insertMany(PremiumAwardUploadEntity, [
    { academicYear: year.startYear, source, schools: rows.length },
  ]);
  const { claims, topUps } = await loadClaims(em, { year }, true);
  const owed = topUpsOwed(claims, topUps, AwardLists.of(list), today);
  if (owed.length > 0) {
    await em.insertMany(
      PremiumTopUpEntity,
      owed.map((topUp) => ({
        trn: topUp.trn,
        academicYear: topUp.academicYear.startYear,
        amountPounds: topUp.amountPounds,
        createdOn: topUp.createdOn,
      })),
    );
  }
  return {
    academicYear: year,
    schools: rows.length,
    schoolsByAmount: [...schoolCountsByAwardPounds(list)].map(([awardAmountPounds, schools]) => ({
      awardAmountPounds,
      schools,
    })),
    topUpsCreated: owed.length,
    topUpPounds: owed.reduce((sum, topUp) => sum + topUp.amountPounds, 0),
  };
}

/**
 * Parses and replaces in one transaction. A file with any bad row is refused whole, every bad
 * line listed, and nothing is written.
 */
export async function uploadAwardListCsv(
  em: EntityManager,
  csv: string,
  year: AcademicYear,
  source: string,
  today: IsoDate,
): Promise<PremiumAwardListUpload> {
  const parsed = parseAwardListCsv(csv, year);
  if (parsed.rejectedRows.length > 0) {
    throw badUserInput(
      `${parsed.rejectedRows.length} award list row(s) rejected; nothing was imported`,
      parsed.rejectedRows.map((row) => ({ path: `line ${row.line}`, message: row.reason })),
    );
  }
  const result = await em.transactional((tx) => replaceAwardList(tx, parsed.awards, source, today));
  return { ...result, skippedZeroAmountRows: parsed.skippedZeroAmountRows };
}

export class PremiumAwardService {
  private readonly awards: SchoolAwardLoader;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly today: () => IsoDate,
  ) {
    this.awards = new SchoolAwardLoader(em);
  }

  /** The award lists are published, so any viewer may read a school's amount. */
  awardFor(urn: Urn, year: AcademicYear): Promise<number | null> {
    return this.awards.awardFor(urn, year);
  }

  /** The awards of these schools and the year's maximum, batched with the rest of the request. */
  schoolAwards(year: AcademicYear, urns: readonly Urn[]): Promise<LoadedSchoolAwards> {
    return this.awards.schoolAwards(year, urns);
  }

  async upload(year: AcademicYear, csv: string): Promise<PremiumAwardListUpload> {
    assertCanManagePremiumData(this.viewer);
    return uploadAwardListCsv(
      this.em,
      csv,
      year,
      `api:${this.viewer.subject ?? this.viewer.role}`,
      this.today(),
    );
  }
}
