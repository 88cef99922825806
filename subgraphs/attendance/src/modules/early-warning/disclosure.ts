import {
  DEFAULT_MINIMUM_COUNT,
  DEFAULT_MINIMUM_SCHOOLS,
} from '@estate/subgraph-kit/src/suppression';

/** One school's published line: its counts, with the total last, and which of them it withholds. */
export interface SchoolLine {
  counts: readonly number[];
  withheld: readonly boolean[];
}

interface Reach {
  lines: Set<number>;
  columns: Set<number>;
}

/**
 * Which of a group's totals (the column sums of its schools' lines, the grand total last) to
 * withhold. Every school's line is public as it stands, so only totals can be withheld: first those
 * of 1 to 4 and, when one school holds all the pupils, every one of them (kit suppression.ts
 * rules); then more, until no figure withheld for its size can be solved for.
 *
 * The lines and the totals form a grid in which every line and every column adds up. As in the
 * kit's two-way tables, a withheld figure can be solved for exactly when it is a bridge in the
 * graph whose edges are withheld figures joining their line and their column; the totals' line is
 * the one extra node. A total is withheld that joins the bridge's two sides, the smallest non-zero
 * one first, the grand total last.
 */
export function withheldGroupTotals(schools: readonly SchoolLine[]): boolean[] {
  const columns = schools[0]?.counts.length ?? 0;
  const totals = Array.from({ length: columns }, (_, j) =>
    schools.reduce((sum, line) => sum + line.counts[j]!, 0),
  );
  const small = totals.map((count) => count >= 1 && count < DEFAULT_MINIMUM_COUNT);
  const withPupils = schools.filter((line) => line.counts.at(-1)! > 0).length;
  const singleSchool = withPupils >= 1 && withPupils < DEFAULT_MINIMUM_SCHOOLS;
  const withheld = totals.map((_, j) => small[j]! || singleSchool);

  const TOTALS = schools.length;
  const isWithheld = (i: number, j: number) =>
    i === TOTALS ? withheld[j]! : schools[i]!.withheld[j]!;
  /** Lines and columns joined to a start through withheld figures other than (i, j). */
  const reach = (start: { line: number } | { column: number }, [ei, ej]: [number, number]) => {
    const found: Reach = { lines: new Set(), columns: new Set() };
    const queue = [start];
    if ('line' in start) found.lines.add(start.line);
    else found.columns.add(start.column);
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      if ('line' in next) {
        for (let j = 0; j < columns; j += 1) {
          if (
            isWithheld(next.line, j) &&
            !(next.line === ei && j === ej) &&
            !found.columns.has(j)
          ) {
            found.columns.add(j);
            queue.push({ column: j });
          }
        }
      } else {
        for (let i = 0; i <= TOTALS; i += 1) {
          if (
            isWithheld(i, next.column) &&
            !(i === ei && next.column === ej) &&
            !found.lines.has(i)
          ) {
            found.lines.add(i);
            queue.push({ line: i });
          }
        }
      }
    }
    return found;
  };
  /** A figure withheld to protect it (not merely to protect others) that can be solved for. */
  const exposed = () => {
    for (let i = 0; i <= TOTALS; i += 1) {
      for (let j = 0; j < columns; j += 1) {
        const mustHide = i === TOTALS ? small[j]! : schools[i]!.withheld[j]!;
        if (!mustHide) continue;
        const lineSide = reach({ line: i }, [i, j]);
        if (!lineSide.columns.has(j)) return { lineSide, columnSide: reach({ column: j }, [i, j]) };
      }
    }
    return null;
  };

  for (let bridge = exposed(); bridge; bridge = exposed()) {
    const { lineSide, columnSide } = bridge;
    // A total joining the totals' line on one side to a column on the other closes a cycle through
    // the bridge. While the totals' line is on neither side, one into the line's side joins it
    // there, for the next round to close.
    const across = lineSide.lines.has(TOTALS) ? columnSide.columns : lineSide.columns;
    const pick = [...across]
      .filter((j) => !withheld[j])
      .sort(
        (a, b) =>
          Number(a === columns - 1) - Number(b === columns - 1) ||
          Number(totals[a] === 0) - Number(totals[b] === 0) ||
          totals[a]! - totals[b]!,
      )[0];
    if (pick === undefined) {
      // Cannot happen while every school's line withholds two figures or none, as suppressList
      // makes sure; withholding every total is then the safe answer.
      withheld.fill(true);
      break;
    }
    withheld[pick] = true;
  }
  return withheld;
}
