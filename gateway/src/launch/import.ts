import { type Importer, migrate, type SubgraphModule } from '@estate/subgraph-kit';
import { SUBGRAPHS } from '../../../schema/subgraphs';
import { readLaunchConfig } from './config';
import { withDatabase } from './database';

/** `pnpm import <kind> <file> …`: runs the named importer of whichever subgraph owns that data. */
async function main([kind, ...args]: string[]): Promise<void> {
  const found: { subgraph: SubgraphModule; importer: Importer }[] = [];
  for (const entry of SUBGRAPHS) {
    const subgraph = await entry.load();
    for (const [name, importer] of Object.entries(subgraph.importers ?? {})) {
      if (name === kind) found.push({ subgraph, importer });
      else if (!kind) console.log(`  pnpm import ${name} ${importer.usage}`);
    }
  }
  const [match] = found;
  if (!match) {
    if (kind) console.error(`No importer is called "${kind}"; run pnpm import to list them`);
    process.exit(kind ? 2 : 0);
  }
  await withDatabase(readLaunchConfig(), async (url) => {
    const orm = await match.subgraph.createOrm(url);
    try {
      await migrate(orm, match.subgraph.schema);
      await match.importer.run(orm, args);
    } finally {
      await orm.close();
    }
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
