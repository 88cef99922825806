import { badUserInput } from './errors';

/**
 * Statistical disclosure control for public tables (issue 8): small counts and single-school cells
 * are withheld, then further cells are withheld so that no withheld cell can be worked back out of
 * the published totals. The marker follows EES: "c" for confidential.
 */
export const SUPPRESSION_MARKER = 'c';
/** Counts from 1 to k − 1 are withheld; 0 is published because it discloses nobody. */
export const DEFAULT_MINIMUM_COUNT = 5;
/** Cells built from fewer schools than this (but at least one) are withheld. */
export const DEFAULT_MINIMUM_SCHOOLS = 2;

export interface TableCell {
  count: number;
  /** Distinct schools behind the count; leave undefined for tables not built from schools. */
  schools?: number;
}

export type SuppressionReason = 'smallCount' | 'singleSchool' | 'secondary';

export type PublishedCell =
  | { count: number; marker: null }
  | { count: null; marker: typeof SUPPRESSION_MARKER; reason: SuppressionReason };

export interface SuppressionOptions {
  minimumCount?: number;
  minimumSchools?: number;
}

export interface PublishedRate {
  rate: number | null;
  marker: typeof SUPPRESSION_MARKER | null;
}

/**
 * A rate is withheld whenever its numerator is, since rate × denominator would give it back.
 * A null rate with no marker means there was nothing to divide by.
 */
export function publishRate(rate: number | null, numerator: PublishedCell): PublishedRate {
  return numerator.marker === null
    ? { rate, marker: null }
    : { rate: null, marker: SUPPRESSION_MARKER };
}

function primaryReason(
  cell: TableCell,
  {
    minimumCount = DEFAULT_MINIMUM_COUNT,
    minimumSchools = DEFAULT_MINIMUM_SCHOOLS,
  }: SuppressionOptions,
): SuppressionReason | null {
  if (cell.count >= 1 && cell.count < minimumCount) return 'smallCount';
  if (cell.schools !== undefined && cell.schools >= 1 && cell.schools < minimumSchools) {
    return 'singleSchool';
  }
  return null;
}

function assertCount(cell: TableCell, where: string): void {
  if (!Number.isInteger(cell.count) || cell.count < 0) {
    throw badUserInput(`${where}: a count must be a whole number of at least 0, got ${cell.count}`);
  }
}

function publish(cell: TableCell, reason: SuppressionReason | null): PublishedCell {
  return reason === null
    ? { count: cell.count, marker: null }
    : { count: null, marker: SUPPRESSION_MARKER, reason };
}

interface Candidate {
  cell: TableCell;
  isTotal: boolean;
}

/**
 * The cell to withhold alongside a lone withheld one: a body cell before a total (totals are the
 * most useful figures), a non-zero count before a zero (withholding a zero protects little), and
 * then the smallest, which loses the least information.
 */
function complementOrder(a: Candidate, b: Candidate): number {
  return (
    Number(a.isTotal) - Number(b.isTotal) ||
    Number(a.cell.count === 0) - Number(b.cell.count === 0) ||
    a.cell.count - b.cell.count
  );
}

export interface PublishedList {
  cells: PublishedCell[];
  total: PublishedCell;
}

/**
 * A one-way table with its total. Secondary suppression makes sure the line never holds exactly
 * one withheld figure, since that one would be the total minus the visible cells.
 */
export function suppressList(
  cells: readonly TableCell[],
  total: TableCell,
  options: SuppressionOptions = {},
): PublishedList {
  cells.forEach((cell, index) => assertCount(cell, `cells[${index}]`));
  assertCount(total, 'total');
  const sum = cells.reduce((acc, cell) => acc + cell.count, 0);
  if (sum !== total.count) {
    throw badUserInput(`the total ${total.count} is not the sum of the cells, ${sum}`);
  }
  const elements: Candidate[] = [
    ...cells.map((cell) => ({ cell, isTotal: false })),
    { cell: total, isTotal: true },
  ];
  const reasons = elements.map(({ cell }) => primaryReason(cell, options));
  while (reasons.filter((reason) => reason !== null).length === 1) {
    const visible = elements
      .map((candidate, index) => ({ ...candidate, index }))
      .filter(({ index }) => reasons[index] === null)
      .sort(complementOrder);
    const complement = visible[0];
    if (!complement) break;
    reasons[complement.index] = 'secondary';
  }
  const published = elements.map(({ cell }, index) => publish(cell, reasons[index] ?? null));
  return { cells: published.slice(0, -1), total: published.at(-1) as PublishedCell };
}

export interface TwoWayTable<Cell> {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  grandTotal: Cell;
}

/**
 * The table with its margins as one (R + 1) × (C + 1) grid: every row and every column of it adds
 * up (body cells to their margin, margins to the grand total), which is all an attacker can use.
 */
function extendedGrid<Cell>(table: TwoWayTable<Cell>): Cell[][] {
  return [
    ...table.cells.map((row, index) => [...row, table.rowTotals[index] as Cell]),
    [...table.columnTotals, table.grandTotal],
  ];
}

function assertTwoWayTable(table: TwoWayTable<TableCell>): void {
  const rows = table.cells.length;
  const columns = table.columnTotals.length;
  if (rows === 0 || columns === 0)
    throw badUserInput('a two-way table needs at least one row and one column');
  if (table.rowTotals.length !== rows) {
    throw badUserInput(`${rows} rows but ${table.rowTotals.length} row totals`);
  }
  const grid = extendedGrid(table);
  grid.forEach((row, i) => {
    if (row.length !== columns + 1)
      throw badUserInput(`row ${i} has ${row.length - 1} cells, not ${columns}`);
    row.forEach((cell, j) => assertCount(cell, `cell (${i}, ${j})`));
  });
  const lineSums = (line: TableCell[]) =>
    line.slice(0, -1).reduce((acc, cell) => acc + cell.count, 0) === line.at(-1)?.count;
  const columnsOf = (j: number) => grid.map((row) => row[j] as TableCell);
  grid.forEach((row, i) => {
    if (!lineSums(row)) throw badUserInput(`row ${i} does not add up to its total`);
  });
  for (let j = 0; j <= columns; j += 1) {
    if (!lineSums(columnsOf(j))) throw badUserInput(`column ${j} does not add up to its total`);
  }
}

type Position = [row: number, column: number];

interface Reach {
  rows: Set<number>;
  columns: Set<number>;
}

/** The rows and columns joined to a start through withheld cells, never crossing `excluded`. */
function reachableThroughWithheld(
  withheld: boolean[][],
  start: { row: number } | { column: number },
  [excludedRow, excludedColumn]: Position,
): Reach {
  const reach: Reach = { rows: new Set(), columns: new Set() };
  const queue: Array<{ row: number } | { column: number }> = [start];
  if ('row' in start) reach.rows.add(start.row);
  else reach.columns.add(start.column);
  const usable = (i: number, j: number) =>
    withheld[i]?.[j] === true && !(i === excludedRow && j === excludedColumn);
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if ('row' in next) {
      const i = next.row;
      withheld[i]?.forEach((_, j) => {
        if (usable(i, j) && !reach.columns.has(j)) {
          reach.columns.add(j);
          queue.push({ column: j });
        }
      });
    } else {
      const j = next.column;
      withheld.forEach((_, i) => {
        if (usable(i, j) && !reach.rows.has(i)) {
          reach.rows.add(i);
          queue.push({ row: i });
        }
      });
    }
  }
  return reach;
}

/**
 * A withheld cell can be solved for exactly when, in the graph whose edges are withheld cells
 * joining their row and column, it is a bridge: it lies on no cycle of withheld cells, so some sum
 * of row equations minus column equations isolates it. Returns the two sides it joins.
 */
function findBridge(
  withheld: boolean[][],
): { bridge: Position; rowSide: Reach; columnSide: Reach } | null {
  for (const [i, row] of withheld.entries()) {
    for (const [j, isWithheld] of row.entries()) {
      if (!isWithheld) continue;
      const rowSide = reachableThroughWithheld(withheld, { row: i }, [i, j]);
      if (rowSide.columns.has(j)) continue;
      return {
        bridge: [i, j],
        rowSide,
        columnSide: reachableThroughWithheld(withheld, { column: j }, [i, j]),
      };
    }
  }
  return null;
}

/**
 * A two-way table with row, column and grand totals. After primary suppression, cells are withheld
 * until no withheld figure can be solved for from the published ones: no row or column holds
 * exactly one, and (which that alone does not ensure) no withheld cell is a bridge between two
 * otherwise separate groups of withheld cells. Withholding everything always satisfies this, so
 * the loop ends.
 */
export function suppressTwoWayTable(
  table: TwoWayTable<TableCell>,
  options: SuppressionOptions = {},
): TwoWayTable<PublishedCell> {
  assertTwoWayTable(table);
  const grid = extendedGrid(table);
  const lastRow = table.cells.length;
  const lastColumn = table.columnTotals.length;
  const reasons = grid.map((row) => row.map((cell) => primaryReason(cell, options)));
  const withheld = () => reasons.map((row) => row.map((reason) => reason !== null));
  const isTotal = ([i, j]: Position) => i === lastRow || j === lastColumn;

  const withholdBest = (positions: Position[]): boolean => {
    const best = positions
      .filter(([i, j]) => reasons[i]?.[j] === null)
      .map((position) => ({
        position,
        cell: grid[position[0]]?.[position[1]] as TableCell,
        isTotal: isTotal(position),
      }))
      .sort(complementOrder)[0];
    if (!best) return false;
    (reasons[best.position[0]] as (SuppressionReason | null)[])[best.position[1]] = 'secondary';
    return true;
  };

  const indices = (last: number) => Array.from({ length: last + 1 }, (_, index) => index);
  const rowPositions = (i: number): Position[] => indices(lastColumn).map((j) => [i, j]);
  const columnPositions = (j: number): Position[] => indices(lastRow).map((i) => [i, j]);
  const lines = [
    ...indices(lastRow).map(rowPositions),
    ...indices(lastColumn).map(columnPositions),
  ];
  const lonelyLine = (): Position[] | undefined =>
    lines.find((line) => line.filter(([i, j]) => reasons[i]?.[j] !== null).length === 1);

  for (;;) {
    const line = lonelyLine();
    if (line) {
      withholdBest(line);
      continue;
    }
    const found = findBridge(withheld());
    if (!found) break;
    // Any cell joining a row on the column's side to a column on the row's side closes a cycle
    // through the bridge; once no line holds a lone withheld cell, both sides have one.
    const closing: Position[] = [];
    for (const i of found.columnSide.rows)
      for (const j of found.rowSide.columns) closing.push([i, j]);
    if (!withholdBest(closing)) withholdBest(rowPositions(found.bridge[0]));
  }

  const published = grid.map((row, i) =>
    row.map((cell, j) => publish(cell, reasons[i]?.[j] ?? null)),
  );
  const bodyRows = published.slice(0, -1);
  const marginRow = published.at(-1) as PublishedCell[];
  return {
    cells: bodyRows.map((row) => row.slice(0, -1)),
    rowTotals: bodyRows.map((row) => row.at(-1) as PublishedCell),
    columnTotals: marginRow.slice(0, -1),
    grandTotal: marginRow.at(-1) as PublishedCell,
  };
}
