import {
  migrate,
  seedIfEmpty,
  type SubgraphModule,
  UnfinishedSeedError,
} from '@estate/subgraph-kit';
import { SUBGRAPHS } from '../../../schema/subgraphs';
import {
  readLaunchConfig,
  readSeedCommand,
  type SeedCommand,
  SEED_HELP,
  SEED_USAGE,
} from './config';
import { withDatabase } from './database';

/**
 * `pnpm seed [--scale demo|national] [--pupil-registers ...]`: seeds every subgraph whose schema is
 * still empty, once every subgraph has accepted the options, so that a mistyped school is refused
 * before anything is written.
 */
async function main({ scale, options }: SeedCommand): Promise<void> {
  const subgraphs: SubgraphModule[] = [];
  for (const entry of SUBGRAPHS) subgraphs.push(await entry.load());
  try {
    for (const subgraph of subgraphs) subgraph.checkSeedOptions?.(scale, options);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  await withDatabase(readLaunchConfig(), async (url) => {
    for (const subgraph of subgraphs) {
      const orm = await subgraph.createOrm(url);
      try {
        await migrate(orm, subgraph.schema);
        if (!subgraph.seedScales.includes(scale)) {
          console.log(`${subgraph.name}: has no ${scale} seed yet; left as it is`);
          continue;
        }
        const started = Date.now();
        if ((await seedIfEmpty(subgraph, orm, scale, options)) === 'hasData') {
          console.log(`${subgraph.name}: already has data, left as it is`);
        } else {
          console.log(`${subgraph.name}: seeded the ${scale} estate in ${Date.now() - started} ms`);
        }
      } finally {
        await orm.close();
      }
    }
  });
}

let command: SeedCommand;
try {
  command = readSeedCommand(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(SEED_USAGE);
  process.exit(2);
}
if (command.help) {
  console.log(SEED_HELP);
  process.exit(0);
}
main(command).catch((error: unknown) => {
  console.error(error instanceof UnfinishedSeedError ? error.message : error);
  process.exit(1);
});
