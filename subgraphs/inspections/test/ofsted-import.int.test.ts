import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOfstedHistory, importOfstedMi } from '../src/import/ofsted-import';
import { startInspectionsSubgraph, type SubgraphUnderTest } from './support';

const MI_FIXTURE = join(__dirname, 'fixtures', 'ofsted-mi-sample.csv');
const HISTORY_FIXTURE = join(__dirname, 'fixtures', 'ofsted-ratings-sample.csv');
const REAL_MI =
  '/work/shared/data/real/andrewcartledge-ofsted-outcome-predictor/Inspection Outcome Map Data - Logistic Regression.csv';
const REAL_HISTORY = '/work/shared/data/real/waiky8-schools-data/ofsted_ratings_2018.csv';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startInspectionsSubgraph('inspections_import', false);
});
afterAll(() => subgraph?.close());

async function count(where = 'true'): Promise<number> {
  const [row] = await subgraph.orm.em
    .getConnection()
    .execute<{ n: string }[]>(`select count(*) as n from inspections.inspection where ${where}`);
  return Number(row!.n);
}

describe('pnpm import ofsted (management information)', () => {
  it('writes each accepted row’s inspections under the URN they were made under, and explains each rejection', async () => {
    const report = await importOfstedMi(subgraph.orm, MI_FIXTURE);
    expect(report.rowsRead).toBe(7);
    expect(report.rejected.map((r) => r.line)).toEqual([6, 7, 8]);
    expect(report.rejected.every((r) => r.reason.length > 10)).toBe(true);
    expect(report.inserted).toBe(report.inspectionsRead - report.duplicates);
    expect(await count('urn = 120101 and overall_effectiveness = 4')).toBe(1);
    expect(await count(`urn = 140102 and category_of_concern = 'seriousWeaknesses'`)).toBe(1);
    expect(
      await count(
        `urn = 140102 and inspection_date >= '2024-09-02' and overall_effectiveness is not null`,
      ),
    ).toBe(0);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await count();
    const report = await importOfstedMi(subgraph.orm, MI_FIXTURE);
    expect(report).toMatchObject({ inserted: 0, updated: 0 });
    expect(report.unchanged).toBe(report.inspectionsRead - report.duplicates);
    expect(await count()).toBe(before);
  });

  it.skipIf(!existsSync(REAL_MI))('imports the real 2020 MI extract idempotently', async () => {
    const first = await importOfstedMi(subgraph.orm, REAL_MI);
    expect(first.rowsRead).toBe(228);
    expect(first.inserted + first.rejected.length).toBeGreaterThan(200);
    expect(first.rejected.every((r) => r.reason.length > 0)).toBe(true);
    const again = await importOfstedMi(subgraph.orm, REAL_MI);
    expect(again).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: first.inserted + first.updated + first.unchanged,
    });
    const [pupils] = await subgraph.orm.em
      .getConnection()
      .execute<{ n: string }[]>(
        `select count(*) as n from inspections.inspection where source = 'ofsted-mi' and number_of_pupils is not null`,
      );
    expect(Number(pupils!.n)).toBeGreaterThan(100);
  });
});

describe('pnpm import ofsted-history (URN, rating, date)', () => {
  it('reads "Satisfactory" as grade 3 and refuses a headline grade from 2 September 2024', async () => {
    const report = await importOfstedHistory(subgraph.orm, HISTORY_FIXTURE);
    expect(report.rejected.length).toBeGreaterThan(0);
    expect(report.rejected.find((r) => /2 September 2024/.test(r.reason))).toBeDefined();
    expect(
      await count(`urn = 140201 and inspection_date = '2008-09-26' and overall_effectiveness = 3`),
    ).toBe(1);
    expect(
      await count(`inspection_date >= '2024-09-02' and overall_effectiveness is not null`),
    ).toBe(0);
  });

  it('fills a headline grade without erasing the sub-judgements the MI gave', async () => {
    const before = await subgraph.orm.em
      .getConnection()
      .execute<{ judgements: object }[]>(
        `select judgements from inspections.inspection where urn = 140101 and inspection_date = '2023-03-07'`,
      );
    expect(Object.keys(before[0]!.judgements).length).toBeGreaterThan(0);
    const file = join(mkdtempSync(join(tmpdir(), 'ofsted-history-')), 'history.csv');
    writeFileSync(file, 'URN,Rating,Inspection Date\n140101,Good,20230307\n');
    const report = await importOfstedHistory(subgraph.orm, file);
    expect(report).toMatchObject({ inserted: 0, updated: 1 });
    expect(
      await count(`urn = 140101 and inspection_date = '2023-03-07' and overall_effectiveness = 2`),
    ).toBe(1);
    const after = await subgraph.orm.em
      .getConnection()
      .execute<{ judgements: object }[]>(
        `select judgements from inspections.inspection where urn = 140101 and inspection_date = '2023-03-07'`,
      );
    expect(after[0]!.judgements).toEqual(before[0]!.judgements);
  });

  it.skipIf(!existsSync(REAL_HISTORY))(
    'imports the real rating history with every rejection explained, then again with nothing new',
    async () => {
      const first = await importOfstedHistory(subgraph.orm, REAL_HISTORY);
      expect(first.rowsRead).toBe(60_134);
      expect(first.inspectionsRead + first.rejected.length).toBe(first.rowsRead);
      for (const rejection of first.rejected) {
        expect(rejection.line).toBeGreaterThan(1);
        expect(rejection.reason).toMatch(/\w{4,}/);
      }
      expect(first.inserted).toBeGreaterThan(50_000);
      const again = await importOfstedHistory(subgraph.orm, REAL_HISTORY);
      expect(again).toMatchObject({ inserted: 0, updated: 0 });
      expect(again.unchanged).toBe(first.inspectionsRead - first.duplicates);
    },
    120_000,
  );
});
