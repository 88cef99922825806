import { describe, expect, it } from 'vitest';
import {
  type PublishedCell,
  type TableCell,
  type TwoWayTable,
  publishRate,
  suppressList,
  suppressTwoWayTable,
} from '../src/suppression';

const cell = (count: number, schools = 3): TableCell => ({ count, schools });
const counts = (cells: PublishedCell[]) => cells.map((published) => published.count);

/** Builds a consistent two-way table from its body cells. */
function tableOf(body: TableCell[][], schoolsPerTotal = 10): TwoWayTable<TableCell> {
  const sum = (cells: TableCell[]) => cells.reduce((acc, c) => acc + c.count, 0);
  const columns = body[0]?.length ?? 0;
  return {
    cells: body,
    rowTotals: body.map((row) => cell(sum(row), schoolsPerTotal)),
    columnTotals: Array.from({ length: columns }, (_, j) =>
      cell(sum(body.map((row) => row[j] as TableCell)), schoolsPerTotal),
    ),
    grandTotal: cell(sum(body.flat()), schoolsPerTotal),
  };
}

describe('suppressing a one-way table with its total', () => {
  it('withholds counts of 1 to 4 with the marker "c", and publishes 0 and 5', () => {
    const published = suppressList([cell(0), cell(1), cell(4), cell(5), cell(40)], cell(50));
    expect(counts(published.cells)).toEqual([0, null, null, 5, 40]);
    expect(published.cells[1]).toEqual({ count: null, marker: 'c', reason: 'smallCount' });
    expect(published.total).toEqual({ count: 50, marker: null });
  });

  it('withholds the smallest non-zero other cell when only one is small', () => {
    const published = suppressList([cell(3), cell(0), cell(60), cell(20)], cell(83));
    expect(counts(published.cells)).toEqual([null, 0, 60, null]);
    expect(published.cells[3]).toMatchObject({ reason: 'secondary' });
  });

  it('withholds a cell built from a single school however large', () => {
    const published = suppressList([cell(120, 1), cell(300, 4), cell(280, 5)], cell(700, 10));
    expect(published.cells[0]).toMatchObject({ marker: 'c', reason: 'singleSchool' });
    expect(counts(published.cells)).toEqual([null, 300, null]);
  });

  it('takes k as an option', () => {
    const published = suppressList([cell(9), cell(10), cell(11)], cell(30), { minimumCount: 10 });
    expect(counts(published.cells)).toEqual([null, null, 11]);
  });

  it('withholds the total when it is the only other figure in the line', () => {
    const published = suppressList([cell(3)], cell(3));
    expect(published.total.marker).toBe('c');
  });

  it('refuses a total that is not the sum of its cells', () => {
    expect(() => suppressList([cell(10), cell(20)], cell(31))).toThrow(/not the sum/);
  });
});

describe('suppressing rates', () => {
  it('withholds a rate whenever its numerator is withheld', () => {
    const [small, large] = suppressList([cell(3), cell(97)], cell(100)).cells as PublishedCell[];
    expect(publishRate(7.5, small as PublishedCell)).toEqual({ rate: null, marker: 'c' });
    expect(publishRate(7.5, { count: 12, marker: null })).toEqual({ rate: 7.5, marker: null });
    expect(large?.marker).toBe('c');
  });
});

describe('suppressing a two-way table with margins', () => {
  it('withholds a complement in both the row and the column of a small count', () => {
    const published = suppressTwoWayTable(
      tableOf([
        [cell(3), cell(20), cell(30)],
        [cell(25), cell(22), cell(40)],
      ]),
    );
    const withheld = published.cells.map((row) => row.map((c) => c.marker === 'c'));
    expect(withheld[0]?.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(withheld.filter((row) => row[0]).length).toBeGreaterThanOrEqual(2);
    expect(published.grandTotal).toEqual({ count: 140, marker: null });
  });

  it('closes a bridge between two separate groups of withheld cells', () => {
    // Two 2 × 2 blocks of small counts, each safe on its own, joined by the single small count at
    // (1, 2): every line holds at least two withheld cells, yet that one can be solved for.
    const table = tableOf([
      [cell(2), cell(3), cell(50), cell(60)],
      [cell(4), cell(1), cell(2), cell(80)],
      [cell(90), cell(95), cell(2), cell(3)],
      [cell(85), cell(75), cell(4), cell(1)],
    ]);
    const published = suppressTwoWayTable(table);
    expect(unrecoverable(published)).toBe(true);
    const secondary = gridOf(published)
      .flat()
      .filter((c) => c.marker === 'c' && c.reason === 'secondary');
    expect(secondary.length).toBeGreaterThan(0);
  });

  it('refuses a table whose margins do not add up', () => {
    const table = tableOf([[cell(10), cell(20)]]);
    table.grandTotal = cell(31);
    expect(() => suppressTwoWayTable(table)).toThrow(/does not add up/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property test: random tables, seeded so that a failure can be replayed.

/** mulberry32: a tiny, well-mixed 32-bit generator; good enough to vary test tables. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomCell(random: () => number): TableCell {
  const roll = random();
  const count =
    roll < 0.15 ? 0 : roll < 0.5 ? 1 + Math.floor(random() * 6) : Math.floor(random() * 200);
  return { count, schools: count === 0 ? 0 : 1 + Math.floor(random() * 4) };
}

function randomTable(random: () => number): TwoWayTable<TableCell> {
  const rows = 1 + Math.floor(random() * 5);
  const columns = 1 + Math.floor(random() * 5);
  const body = Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () => randomCell(random)),
  );
  return tableOf(body, 2 + Math.floor(random() * 8));
}

const gridOf = <C>(table: TwoWayTable<C>): C[][] => [
  ...table.cells.map((row, i) => [...row, table.rowTotals[i] as C]),
  [...table.columnTotals, table.grandTotal],
];

/**
 * Independently of the implementation: treat each withheld figure as an unknown, write every row
 * and column of the table with margins as an equation, reduce to row echelon form, and check that
 * no unknown is pinned down, i.e. no unit vector lies in the row space.
 */
function unrecoverable(published: TwoWayTable<PublishedCell>): boolean {
  const grid = gridOf(published);
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  const unknowns: Array<[number, number]> = [];
  grid.forEach((row, i) => row.forEach((c, j) => c.marker === 'c' && unknowns.push([i, j])));
  if (unknowns.length === 0) return true;
  const equations: number[][] = [];
  // Row i: body cells − margin = 0; column j likewise. Known values only move the right-hand side.
  for (let i = 0; i < rows; i += 1) {
    equations.push(unknowns.map(([ui, uj]) => (ui !== i ? 0 : uj === columns - 1 ? -1 : 1)));
  }
  for (let j = 0; j < columns; j += 1) {
    equations.push(unknowns.map(([ui, uj]) => (uj !== j ? 0 : ui === rows - 1 ? -1 : 1)));
  }
  const matrix = equations.map((row) => [...row]);
  const pivotColumns: number[] = [];
  let rank = 0;
  for (let column = 0; column < unknowns.length && rank < matrix.length; column += 1) {
    const pivot = matrix.findIndex((row, r) => r >= rank && Math.abs(row[column] ?? 0) > 1e-9);
    if (pivot < 0) continue;
    [matrix[rank], matrix[pivot]] = [matrix[pivot] as number[], matrix[rank] as number[]];
    const pivotRow = matrix[rank] as number[];
    const scale = pivotRow[column] as number;
    for (let k = 0; k < pivotRow.length; k += 1) pivotRow[k] = (pivotRow[k] as number) / scale;
    matrix.forEach((row, r) => {
      if (r === rank) return;
      const factor = row[column] as number;
      if (Math.abs(factor) > 1e-9) {
        for (let k = 0; k < row.length; k += 1)
          row[k] = (row[k] as number) - factor * (pivotRow[k] as number);
      }
    });
    pivotColumns.push(column);
    rank += 1;
  }
  // In reduced form an unknown is determined when its pivot row has no other non-zero entry.
  return pivotColumns.every((column, r) =>
    (matrix[r] as number[]).some((value, k) => k !== column && Math.abs(value) > 1e-9),
  );
}

describe('suppression holds on random tables (seeded property test)', () => {
  const random = seededRandom(20_240_819);
  const tables = Array.from({ length: 400 }, () => randomTable(random));
  const results = tables.map((table) => ({ table, published: suppressTwoWayTable(table) }));

  it('never publishes a count from 1 to 4', () => {
    for (const { published } of results) {
      for (const c of gridOf(published).flat()) {
        if (c.marker === null) expect(c.count === 0 || c.count >= 5).toBe(true);
      }
    }
  });

  it('never publishes a cell built from a single school, and publishes every other count unchanged', () => {
    for (const { table, published } of results) {
      const truth = gridOf(table);
      gridOf(published).forEach((row, i) =>
        row.forEach((c, j) => {
          const original = truth[i]?.[j] as TableCell;
          if (original.schools === 1) expect(c.marker).toBe('c');
          if (c.marker === null) expect(c.count).toBe(original.count);
          else expect(c.count).toBeNull();
        }),
      );
    }
  });

  it('never leaves a row or column with exactly one withheld figure', () => {
    for (const { published } of results) {
      const grid = gridOf(published);
      const lines = [
        ...grid,
        ...(grid[0] ?? []).map((_, j) => grid.map((row) => row[j] as PublishedCell)),
      ];
      for (const line of lines) {
        expect(line.filter((c) => c.marker === 'c').length).not.toBe(1);
      }
    }
  });

  it('leaves no withheld figure recoverable by any combination of the published totals', () => {
    const recoverable = results.filter(({ published }) => !unrecoverable(published));
    expect(recoverable).toEqual([]);
  });

  it('holds for one-way tables too', () => {
    for (let n = 0; n < 300; n += 1) {
      const cells = Array.from({ length: 1 + Math.floor(random() * 8) }, () => randomCell(random));
      const total = { count: cells.reduce((acc, c) => acc + c.count, 0), schools: 5 };
      const published = suppressList(cells, total);
      const line = [...published.cells, published.total];
      expect(line.filter((c) => c.marker === 'c').length).not.toBe(1);
      for (const c of line)
        if (c.marker === null) expect(c.count === 0 || (c.count ?? 0) >= 5).toBe(true);
      cells.forEach((c, index) => {
        if (c.schools === 1) expect(published.cells[index]?.marker).toBe('c');
      });
    }
  });

  it('the checker itself catches a lone withheld cell', () => {
    const leaky = suppressTwoWayTable(
      tableOf([
        [cell(50), cell(60)],
        [cell(70), cell(80)],
      ]),
    );
    const first = leaky.cells[0] as PublishedCell[];
    first[0] = { count: null, marker: 'c', reason: 'smallCount' };
    expect(unrecoverable(leaky)).toBe(false);
  });
});
