import type { EntityManager } from '@estate/subgraph-kit';
import { inspectionIdentity } from '../domain/predecessor-history';
import {
  INSPECTION_COLUMNS,
  type InspectionRow,
  type InspectionValues,
  type StoredInspection,
  toValues,
} from '../modules/inspection/inspection.record';

const CHUNK = 1_000;

const WRITTEN_COLUMNS = [
  'urn',
  'kind',
  'inspection_number',
  'start_date',
  'publication_date',
  'inspection_date',
  'overall_effectiveness',
  'category_of_concern',
  'safeguarding',
  'judgements',
  'outcome_text',
  'number_of_pupils',
] as const satisfies readonly (keyof InspectionValues)[];

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records naming an inspection already given earlier in the same batch, kept once. */
  duplicates: number;
}

/**
 * How a source's record meets a stored one with the same identity (URN, kind, date). A full
 * source (the MI) states everything it knows, so its values replace the stored ones; a partial
 * source (a rating history) only knows the headline grade, so it fills what is missing and corrects
 * the grade, but never erases sub-judgements or categories it does not carry.
 */
export type MergeMode = 'replace' | 'fill';

function merge(existing: InspectionValues, incoming: InspectionValues, mode: MergeMode) {
  if (mode === 'replace') return incoming;
  const merged: InspectionValues = { ...existing };
  for (const column of WRITTEN_COLUMNS) {
    const value = incoming[column];
    const empty =
      value === null || (column === 'judgements' && Object.keys(value as object).length === 0);
    if (!empty) (merged as unknown as Record<string, unknown>)[column] = value;
  }
  return merged;
}

function sameValues(a: InspectionValues, b: InspectionValues): boolean {
  return WRITTEN_COLUMNS.every((column) =>
    column === 'judgements'
      ? JSON.stringify(sortKeys(a.judgements)) === JSON.stringify(sortKeys(b.judgements))
      : a[column] === b[column],
  );
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)));
}

function rowValues(row: InspectionRow): InspectionValues {
  return {
    urn: row.urn,
    kind: row.kind,
    inspection_number: row.inspection_number,
    start_date: row.start_date,
    publication_date: row.publication_date,
    inspection_date: row.inspection_date,
    overall_effectiveness: row.overall_effectiveness,
    category_of_concern: row.category_of_concern,
    safeguarding: row.safeguarding,
    judgements: row.judgements,
    outcome_text: row.outcome_text,
    number_of_pupils: row.number_of_pupils,
  };
}

function placeholders(
  values: InspectionValues,
  source: string,
): { sql: string; params: unknown[] } {
  const params = [
    ...WRITTEN_COLUMNS.map((column) =>
      column === 'judgements' ? JSON.stringify(values.judgements) : values[column],
    ),
    source,
  ];
  const sql = `(${WRITTEN_COLUMNS.map((column) => (column === 'judgements' ? '?::jsonb' : '?')).join(', ')}, ?)`;
  return { sql, params };
}

/**
 * Writes inspections idempotently by identity: new ones are inserted, changed ones updated, the
 * rest left alone. Run it inside the caller's transaction (`em` from `transactional`).
 */
export async function writeInspections(
  em: EntityManager,
  records: readonly StoredInspection[],
  source: string,
  mode: MergeMode,
  onProgress?: (done: number, total: number) => void,
): Promise<WriteCounts> {
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, duplicates: 0 };
  const existing = new Map<string, InspectionRow>();
  const urns = [...new Set(records.map((record) => record.inspection.urn))];
  for (let i = 0; i < urns.length; i += CHUNK * 5) {
    const rows = await em.execute<InspectionRow[]>(
      `select ${INSPECTION_COLUMNS} from inspections.inspection where urn in (?)`,
      [urns.slice(i, i + CHUNK * 5)],
    );
    for (const row of rows) existing.set(`${row.urn}|${row.kind}|${row.inspection_date}`, row);
  }

  const inserts: InspectionValues[] = [];
  const updates: { id: number; values: InspectionValues }[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const identity = inspectionIdentity(record.inspection);
    if (seen.has(identity)) {
      counts.duplicates += 1;
      continue;
    }
    seen.add(identity);
    const incoming = toValues(record);
    const found = existing.get(identity);
    if (!found) {
      inserts.push(incoming);
      continue;
    }
    const current = rowValues(found);
    const next = merge(current, incoming, mode);
    if (sameValues(current, next)) counts.unchanged += 1;
    else updates.push({ id: found.id, values: next });
  }

  const columns = [...WRITTEN_COLUMNS, 'source'].join(', ');
  let done = counts.unchanged + counts.duplicates;
  for (let i = 0; i < inserts.length; i += CHUNK) {
    const chunk = inserts.slice(i, i + CHUNK).map((values) => placeholders(values, source));
    await em.execute(
      `insert into inspections.inspection (${columns}) values ${chunk.map((c) => c.sql).join(', ')}`,
      chunk.flatMap((c) => c.params),
    );
    counts.inserted += chunk.length;
    done += chunk.length;
    onProgress?.(done, records.length);
  }
  for (const [index, { id, values }] of updates.entries()) {
    const { params } = placeholders(values, source);
    await em.execute(
      `update inspections.inspection set (${columns}) = (${WRITTEN_COLUMNS.map((column) => (column === 'judgements' ? '?::jsonb' : '?')).join(', ')}, ?) where id = ?`,
      [...params, id],
    );
    counts.updated += 1;
    done += 1;
    if (index % CHUNK === CHUNK - 1) onProgress?.(done, records.length);
  }
  return counts;
}
