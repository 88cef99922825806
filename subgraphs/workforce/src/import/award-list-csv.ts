import { parse } from 'csv-parse/sync';
import type { AcademicYear } from '@estate/subgraph-kit/src/academic-year';
import { badUserInput } from '@estate/subgraph-kit/src/errors';
import { createAwardList, type AwardList } from '../domain/award-list';
import { urnFromText, type Urn } from '../domain/identifiers';

/** CAPT `award_csv_importer.rb` requires exactly these headers. */
export const AWARD_LIST_CSV_HEADERS = ['school_urn', 'award_amount'] as const;

export interface RejectedAwardRow {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  reason: string;
}

export interface ParsedAwardList {
  awards: AwardList;
  /** Rows listed at £0: the school is not eligible, so they are left out of the list. */
  skippedZeroAmountRows: number;
  rejectedRows: RejectedAwardRow[];
}

// DfE's uploads write whole pounds either as "2000" or as "2000.0".
const WHOLE_POUNDS = /^\d+(\.0+)?$/;

/**
 * Parses one year's `school_urn,award_amount` file. Bad rows are reported one by one rather than
 * dropped, because a row silently lost would make a school ineligible for the whole year.
 */
export function parseAwardListCsv(csv: string, academicYear: AcademicYear): ParsedAwardList {
  let records: string[][];
  try {
    records = parse(csv, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw badUserInput(`award list is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header || header.join(',') !== AWARD_LIST_CSV_HEADERS.join(',')) {
    throw badUserInput(
      `award list headers must be exactly "${AWARD_LIST_CSV_HEADERS.join(',')}", got "${header?.join(',') ?? ''}"`,
    );
  }

  const entries: [Urn, number][] = [];
  const firstLineByUrn = new Map<Urn, number>();
  const rejectedRows: RejectedAwardRow[] = [];
  let skippedZeroAmountRows = 0;
  rows.forEach((row, index) => {
    const line = index + 2;
    const reject = (reason: string) => rejectedRows.push({ line, reason });
    if (row.length !== 2) return reject(`expected 2 columns, got ${row.length}`);
    const [urnText = '', amountText = ''] = row;
    const urn = urnFromText(urnText);
    if (urn === undefined) return reject(`school_urn must be a 6-digit URN, got "${urnText}"`);
    if (!WHOLE_POUNDS.test(amountText)) {
      return reject(
        `award_amount must be whole pounds such as 2000 or 2000.0, got "${amountText}"`,
      );
    }
    const firstLine = firstLineByUrn.get(urn);
    if (firstLine !== undefined) return reject(`URN ${urn} already listed on line ${firstLine}`);
    firstLineByUrn.set(urn, line);
    const awardPounds = Number(amountText);
    if (awardPounds === 0) skippedZeroAmountRows += 1;
    else entries.push([urn, awardPounds]);
  });

  return { awards: createAwardList(academicYear, entries), skippedZeroAmountRows, rejectedRows };
}

/** All-or-nothing form for an upload: the list, or one BAD_USER_INPUT naming every bad line. */
export function awardListFromCsv(csv: string, academicYear: AcademicYear): AwardList {
  const parsed = parseAwardListCsv(csv, academicYear);
  if (parsed.rejectedRows.length > 0) {
    throw badUserInput(
      `${parsed.rejectedRows.length} award list row(s) rejected; nothing was imported`,
      parsed.rejectedRows.map((row) => ({ path: `line ${row.line}`, message: row.reason })),
    );
  }
  return parsed.awards;
}
