import type { MikroORM } from '@estate/subgraph-kit';
import { writeInspections } from '../import/inspection-writer';
import { type DemoInspections, generateDemoInspections } from './demo-inspections';

export async function hasInspections(orm: MikroORM): Promise<boolean> {
  const [row] = await orm.em
    .getConnection()
    .execute<{ found: boolean }[]>('select exists (select 1 from inspections.inspection) as found');
  return Boolean(row?.found);
}

/** Writes the demo history in one transaction: a failed seed leaves nothing behind. */
export async function seedDemo(orm: MikroORM): Promise<DemoInspections> {
  const demo = generateDemoInspections();
  await orm.em
    .fork()
    .transactional((em) => writeInspections(em, demo.inspections, 'demo', 'replace'));
  return demo;
}
