import { AcademicYear, type MikroORM, todayIso } from '@estate/subgraph-kit';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { uploadAwardListCsv } from '../modules/premium-award/premium-award.service';

export interface PremiumAwardsImportReport {
  academicYear: string;
  /** Data rows in the file: schools listed plus rows at £0. */
  rowsRead: number;
  /** Schools written to the year's list, which replaced the previous one. */
  schoolsWritten: number;
  skippedZeroAmountRows: number;
  schoolsByAmount: { awardAmountPounds: number; schools: number }[];
  topUpsCreated: number;
}

/**
 * `pnpm import premium-awards`: replaces one claim year's award list from DfE's
 * `school_urn,award_amount` CSV, in one transaction, topping up claims whose award rose. A file
 * with any bad row is refused whole (BAD_USER_INPUT listing every bad line) and nothing is written.
 */
export async function importPremiumAwards(
  orm: MikroORM,
  path: string,
  year: string | AcademicYear,
): Promise<PremiumAwardsImportReport> {
  const academicYear = typeof year === 'string' ? AcademicYear.parse(year) : year;
  const csv = await readFile(path, 'utf8');
  const result = await uploadAwardListCsv(
    orm.em.fork(),
    csv,
    academicYear,
    `file:${basename(path)}`,
    todayIso(),
  );
  return {
    academicYear: academicYear.label,
    rowsRead: result.schools + result.skippedZeroAmountRows,
    schoolsWritten: result.schools,
    skippedZeroAmountRows: result.skippedZeroAmountRows,
    schoolsByAmount: result.schoolsByAmount,
    topUpsCreated: result.topUpsCreated,
  };
}
