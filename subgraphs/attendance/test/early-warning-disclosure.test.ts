import { SeededRandom } from '@estate/subgraph-kit';
import { suppressList } from '@estate/subgraph-kit/src/suppression';
import { describe, expect, it } from 'vitest';
import { type SchoolLine, withheldGroupTotals } from '../src/modules/early-warning/disclosure';

/** A school's line as School.absenceRisk publishes it to the public: risks, then their total. */
function published(risks: number[]): SchoolLine {
  const total = risks.reduce((sum, n) => sum + n, 0);
  const { cells, total: publishedTotal } = suppressList(
    risks.map((count) => ({ count })),
    { count: total },
  );
  return {
    counts: [...risks, total],
    withheld: [...cells, publishedTotal].map((cell) => cell.marker !== null),
  };
}

function rank(rows: number[][]): number {
  const m = rows.map((row) => [...row]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c += 1) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (pivot === -1) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i += 1) {
      if (i === r) continue;
      const factor = m[i]![c]! / m[r]![c]!;
      m[i] = m[i]!.map((value, k) => value - factor * m[r]![k]!);
    }
    r += 1;
  }
  return r;
}

/**
 * What a reader can solve for from the school lines and the group's published totals, worked out
 * by linear algebra rather than the graph argument the code uses: a withheld figure is exposed
 * when its unit vector lies in the span of the equations (every line and column adds up).
 */
function exposedFigures(schools: SchoolLine[], totalsWithheld: boolean[]): string[] {
  const columns = totalsWithheld.length;
  const unknowns: string[] = [];
  schools.forEach((line, i) =>
    line.withheld.forEach((hidden, j) => hidden && unknowns.push(`${i},${j}`)),
  );
  totalsWithheld.forEach((hidden, j) => hidden && unknowns.push(`T,${j}`));
  const equation = (figures: [string, number][]) => {
    const coefficients = new Map(figures);
    return unknowns.map((u) => coefficients.get(u) ?? 0);
  };
  const range = (n: number) => Array.from({ length: n }, (_, k) => k);
  /** A line's counts less its total, which is its last figure. */
  const lineSum = (prefix: string) =>
    equation(range(columns).map((j) => [`${prefix},${j}`, j === columns - 1 ? -1 : 1]));
  const equations = [
    ...schools.map((_, i) => lineSum(String(i))),
    lineSum('T'),
    ...range(columns).map((j) =>
      equation([...schools.map((_, i): [string, number] => [`${i},${j}`, 1]), [`T,${j}`, -1]]),
    ),
  ];
  const base = rank(equations);
  const totalsSmall = range(columns).map((j) => {
    const total = schools.reduce((sum, line) => sum + line.counts[j]!, 0);
    return total >= 1 && total <= 4;
  });
  return unknowns.filter((u, k) => {
    const mustHide = u.startsWith('T') ? totalsSmall[Number(u.split(',')[1])]! : true;
    const unit = unknowns.map((_, i) => (i === k ? 1 : 0));
    return mustHide && rank([...equations, unit]) === base;
  });
}

describe("early warning: a trust's or LA's totals for the public", () => {
  it('publishes every total when no school withholds a count', () => {
    const schools = [published([6, 5, 7, 9]), published([10, 8, 6, 30])];
    expect(withheldGroupTotals(schools)).toEqual([false, false, false, false, false]);
  });

  it('withholds the totals a school’s withheld count could be worked back out of', () => {
    // The first school withholds watch (2) and, to protect it, onCourse (5): with both totals
    // published, watch would be the total less the second school's 6.
    const schools = [published([6, 5, 2, 7]), published([10, 8, 6, 30])];
    expect(schools[0]!.withheld).toEqual([false, true, true, false, false]);
    expect(withheldGroupTotals(schools)).toEqual([false, true, true, false, false]);
    expect(exposedFigures(schools, withheldGroupTotals(schools))).toEqual([]);
  });

  it('closes a chain of withheld counts that joins two otherwise separate groups of schools', () => {
    // Schools 0 and 1 withhold watch and notAtRisk, 2 and 3 already and onCourse, and school 4
    // onCourse and notAtRisk: a column-by-column count would see two or more in every column, yet
    // school 4's notAtRisk could be solved for from published totals.
    const line = (counts: number[], hidden: number[]): SchoolLine => ({
      counts: [...counts, counts.reduce((sum, n) => sum + n, 0)],
      withheld: [0, 1, 2, 3, 4].map((j) => hidden.includes(j)),
    });
    const schools = [
      line([20, 20, 2, 3], [2, 3]),
      line([20, 20, 3, 2], [2, 3]),
      line([2, 3, 20, 20], [0, 1]),
      line([3, 2, 20, 20], [0, 1]),
      line([20, 3, 20, 2], [1, 3]),
    ];
    expect(exposedFigures(schools, [false, false, false, false, false])).not.toEqual([]);
    expect(exposedFigures(schools, withheldGroupTotals(schools))).toEqual([]);
  });

  it('withholds every total when one school holds all the pupils', () => {
    const schools = [published([60, 50, 70, 90]), published([0, 0, 0, 0])];
    expect(withheldGroupTotals(schools)).toEqual([true, true, true, true, true]);
  });

  it('never leaves a withheld count open to solving, over many random groups', () => {
    const random = new SeededRandom(2025);
    for (let trial = 0; trial < 300; trial += 1) {
      const schools = Array.from({ length: random.int(2, 6) }, () =>
        published(Array.from({ length: 4 }, () => (random.chance(0.3) ? 0 : random.int(1, 12)))),
      );
      const withheld = withheldGroupTotals(schools);
      expect(exposedFigures(schools, withheld), JSON.stringify({ schools, withheld })).toEqual([]);
    }
  });
});
