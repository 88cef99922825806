import { migrate } from '@estate/subgraph-kit';
import { readWorkforceConfig } from '../config';
import { createWorkforceOrm, SCHEMA } from '../orm';
import { importPremiumAwards } from './premium-awards';

/**
 * Stand-alone entry until the root `pnpm import` dispatcher calls `importPremiumAwards`:
 *   tsx subgraphs/workforce/src/import/cli.ts premium-awards <file.csv> --year 2022/23
 */
async function main(args: string[]): Promise<void> {
  const [kind, file] = args;
  const yearIndex = args.indexOf('--year');
  const year = yearIndex >= 0 ? args[yearIndex + 1] : undefined;
  if (kind !== 'premium-awards' || !file || !year) {
    throw new Error('usage: premium-awards <file.csv> --year 2022/23');
  }
  const config = readWorkforceConfig(process.env);
  const orm = await createWorkforceOrm(config.databaseUrl);
  try {
    await migrate(orm, SCHEMA);
    console.log(JSON.stringify(await importPremiumAwards(orm, file, year), null, 2));
  } finally {
    await orm.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const problems = (error as { extensions?: { problems?: unknown } }).extensions?.problems;
  console.error(error instanceof Error ? error.message : error);
  if (problems) console.error(JSON.stringify(problems, null, 2));
  process.exit(1);
});
