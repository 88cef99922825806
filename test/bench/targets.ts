import type { GatewayCell, GatewayName, MixName } from './gateway-scenario';
import { geometricMean, round } from './stats';

/** One line of the machine-readable verdict: `P1 realistic-rps-vs-hive 1.62 target>=1.5 PASS`. */
export interface TargetResult {
  id: string;
  name: string;
  /** Null when the scenario could not be measured. */
  value: number | null;
  comparison: '>=' | '<=';
  target: number;
  note?: string;
}

export function verdictOf(result: TargetResult): 'PASS' | 'FAIL' | 'NOT-MEASURED' {
  if (result.value === null || !Number.isFinite(result.value)) return 'NOT-MEASURED';
  const passes =
    result.comparison === '>=' ? result.value >= result.target : result.value <= result.target;
  return passes ? 'PASS' : 'FAIL';
}

export function targetLine(result: TargetResult): string {
  const value = result.value === null ? 'n/a' : String(round(result.value, 2));
  return `${result.id} ${result.name} ${value} target${result.comparison}${result.target} ${verdictOf(result)}`;
}

/**
 * Ratio of our gateway's median to a peer's, per cell (operation × connections) of a mix, combined
 * by geometric mean so that no single cell dominates.
 */
export function ratioAcrossCells(
  cells: GatewayCell[],
  mixes: MixName[],
  peer: GatewayName,
  metric: (cell: GatewayCell) => number,
): number {
  const ours = cells.filter((c) => c.gateway === 'estate' && mixes.includes(c.mix));
  const ratios = ours.map((cell) => {
    const theirs = cells.find(
      (c) =>
        c.gateway === peer &&
        c.mix === cell.mix &&
        c.operation === cell.operation &&
        c.connections === cell.connections,
    );
    return theirs ? metric(cell) / metric(theirs) : Number.NaN;
  });
  return geometricMean(ratios);
}

export function gatewayTargets(cells: GatewayCell[], hiveMeasured: boolean): TargetResult[] {
  const rps = (c: GatewayCell) => c.requestsPerSecond.median;
  const p99 = (c: GatewayCell) => c.p99Ms.median;
  const cpu = (c: GatewayCell) => c.cpuMsPerRequest.median;
  const versusHive = (value: number) => (hiveMeasured ? value : null);
  return [
    {
      id: 'P1',
      name: 'realistic-rps-vs-hive',
      value: versusHive(ratioAcrossCells(cells, ['realistic'], 'hive', rps)),
      comparison: '>=',
      target: 1.5,
    },
    {
      id: 'P2',
      name: 'realistic-p99-vs-hive',
      value: versusHive(ratioAcrossCells(cells, ['realistic'], 'hive', p99)),
      comparison: '<=',
      target: 1.0,
    },
    {
      id: 'P3',
      name: 'flood-rps-vs-hive',
      value: versusHive(ratioAcrossCells(cells, ['flood'], 'hive', rps)),
      comparison: '>=',
      target: 1.0,
    },
    {
      id: 'P4',
      name: 'cpu-per-request-vs-apollo',
      value: ratioAcrossCells(cells, ['realistic', 'flood'], 'apollo', cpu),
      comparison: '<=',
      target: 0.5,
    },
  ];
}
