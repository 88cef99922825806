import { migrate } from '@estate/subgraph-kit';
import { SUBGRAPHS } from '../../../schema/subgraphs';
import { readLaunchConfig } from './config';
import { withDatabase } from './database';

/** `pnpm db:migrate`: brings every subgraph's schema up to date. */
void withDatabase(readLaunchConfig(), async (url) => {
  for (const entry of SUBGRAPHS) {
    const subgraph = await entry.load();
    const orm = await subgraph.createOrm(url);
    try {
      await migrate(orm, subgraph.schema);
      console.log(`${subgraph.name}: migrated`);
    } finally {
      await orm.close();
    }
  }
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
