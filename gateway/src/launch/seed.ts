import { migrate, type SeedScale } from '@estate/subgraph-kit';
import { parseArgs } from 'node:util';
import { SUBGRAPHS } from '../../../schema/subgraphs';
import { readLaunchConfig } from './config';
import { withDatabase } from './database';

/** `pnpm seed [--scale demo|national]`: seeds every subgraph whose schema is still empty. */
const { values } = parseArgs({ options: { scale: { type: 'string', default: 'demo' } } });
const scale = values.scale as SeedScale;
if (scale !== 'demo' && scale !== 'national') {
  console.error('Usage: pnpm seed [--scale demo|national]');
  process.exit(2);
}

void withDatabase(readLaunchConfig(), async (url) => {
  for (const entry of SUBGRAPHS) {
    const subgraph = await entry.load();
    const orm = await subgraph.createOrm(url);
    try {
      await migrate(orm, subgraph.schema);
      if (!subgraph.seedScales.includes(scale)) {
        console.log(`${subgraph.name}: has no ${scale} seed yet; left as it is`);
        continue;
      }
      if (await subgraph.hasData(orm)) {
        console.log(`${subgraph.name}: already has data, left as it is`);
        continue;
      }
      const started = Date.now();
      await subgraph.seed(orm, scale);
      console.log(`${subgraph.name}: seeded the ${scale} estate in ${Date.now() - started} ms`);
    } finally {
      await orm.close();
    }
  }
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
