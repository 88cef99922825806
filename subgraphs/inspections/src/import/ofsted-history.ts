import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import {
  type Grade,
  REQUIRES_IMPROVEMENT_NAME_FROM,
  headlineGradeAllowedOn,
} from '../domain/grades';
import { type GradedInspection, gradedInspection } from '../domain/inspection';
import {
  type ColumnAliases,
  type ImportWarning,
  type ParseResult,
  type Rejection,
  readCsvTable,
} from './csv-table';
import { isBlank, parseOfstedDate, parseRatingWords, parseUrn } from './ofsted-values';

/**
 * A URN, rating and date per graded inspection, as in waiky8 `ofsted_ratings_2018.csv` (scraped
 * from reports.ofsted.gov.uk). The same reader takes `school_details_2018.csv`, whose "Rating" and
 * "Inspect Date" give each school's latest inspection only.
 */
const HISTORY_COLUMNS = {
  urn: ['URN'],
  rating: ['Rating', 'Overall effectiveness'],
  date: ['Inspection Date', 'Inspect Date', 'Inspection start date'],
} as const satisfies ColumnAliases<string>;
type HistoryField = keyof typeof HISTORY_COLUMNS;

export interface OfstedHistoryRecord {
  line: number;
  inspection: GradedInspection;
}

interface Candidate {
  line: number;
  urn: number;
  date: IsoDate;
  grade: Grade;
  ratingText: string;
  renamedGradeWarning: string | null;
}

/**
 * Parses a rating history into graded inspections (headline grade only, dated by inspection date).
 * "Satisfactory" is grade 3, the name it had before September 2012. A URN with two rows on one date
 * keeps the first when they agree and loses both when they disagree, since neither can be trusted.
 */
export function parseOfstedRatingHistory(bytes: Uint8Array): ParseResult<OfstedHistoryRecord> {
  const table = readCsvTable<HistoryField>(
    bytes,
    HISTORY_COLUMNS,
    ['urn', 'rating', 'date'],
    'Ofsted rating history',
  );
  const rejections: Rejection[] = [];
  const warnings: ImportWarning[] = [];
  const candidates: Candidate[] = [];

  for (const row of table.rows) {
    const rawRating = row.cell('rating');
    const rawDate = row.cell('date');
    if (isBlank(rawRating) && isBlank(rawDate)) {
      rejections.push({
        line: row.line,
        reason: 'no rating and no date: the school has no inspection in this file',
      });
      continue;
    }
    const urn = parseUrn(row.cell('urn'));
    const grade = parseRatingWords(rawRating);
    const date = parseOfstedDate(rawDate);
    const problems = [urn, grade, date].flatMap((parsed) => (parsed.ok ? [] : [parsed.problem]));
    if (date.ok && date.value === null) problems.push('rating has no inspection date');
    if (!urn.ok || !grade.ok || !date.ok || date.value === null) {
      rejections.push({ line: row.line, reason: problems.join('; ') });
      continue;
    }
    if (!headlineGradeAllowedOn(date.value)) {
      rejections.push({
        line: row.line,
        reason: `rating "${rawRating}" dated ${date.value}: Ofsted gave no single headline grades from 2 September 2024`,
      });
      continue;
    }
    const renamedGradeWarning =
      rawRating!.toLowerCase() === 'satisfactory' && date.value >= REQUIRES_IMPROVEMENT_NAME_FROM
        ? `"Satisfactory" dated ${date.value}, after grade 3 was renamed "Requires improvement" on 1 September 2012; kept as grade 3`
        : null;
    candidates.push({
      line: row.line,
      urn: urn.value,
      date: date.value,
      grade: grade.value,
      ratingText: rawRating!,
      renamedGradeWarning,
    });
  }

  const records: OfstedHistoryRecord[] = [];
  for (const sameDay of groupBy(candidates, (c) => `${c.urn}|${c.date}`)) {
    const [first, ...repeats] = sameDay as [Candidate, ...Candidate[]];
    if (repeats.every((repeat) => repeat.grade === first.grade)) {
      records.push({
        line: first.line,
        inspection: gradedInspection({
          kind: 'graded',
          urn: first.urn,
          startDate: first.date,
          publicationDate: null,
          overallEffectiveness: first.grade,
        }),
      });
      if (first.renamedGradeWarning) {
        warnings.push({ line: first.line, message: first.renamedGradeWarning });
      }
      for (const repeat of repeats) {
        rejections.push({
          line: repeat.line,
          reason: `duplicate of line ${first.line}: URN ${first.urn} on ${first.date}, grade ${first.grade} ("${repeat.ratingText}" here, "${first.ratingText}" there)`,
        });
      }
      continue;
    }
    const listing = sameDay.map((c) => `line ${c.line} "${c.ratingText}"`).join(', ');
    for (const conflicting of sameDay) {
      rejections.push({
        line: conflicting.line,
        reason: `conflicting ratings for URN ${first.urn} on ${first.date} (${listing}): none kept`,
      });
    }
  }
  rejections.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  records.sort((a, b) => a.line - b.line);
  return {
    records,
    rejections,
    warnings,
    notes: [],
    encoding: table.encoding,
    rowCount: table.rows.length,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}
