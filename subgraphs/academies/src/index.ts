import type { SubgraphModule } from '@estate/subgraph-kit';
import { type AcademiesConfig, readAcademiesConfig } from './config';
import { ACADEMIES_IMPORTERS } from './import/importers';
import { createAcademiesOrm, SCHEMA } from './orm';
import { buildAcademiesSchema } from './schema';
import { hasSchools, seedDemo, seedNational } from './seed/seed';
import { createAcademiesServer } from './server';

export const academiesSubgraph: SubgraphModule<AcademiesConfig> = {
  name: 'academies',
  schema: SCHEMA,
  readConfig: readAcademiesConfig,
  createOrm: createAcademiesOrm,
  buildSchema: buildAcademiesSchema,
  createServer: createAcademiesServer,
  hasData: hasSchools,
  seedScales: ['demo', 'national'],
  seed: async (orm, scale) => {
    if (scale === 'demo') await seedDemo(orm);
    else await seedNational(orm, (written, total) => printSeedProgress(written, total));
  },
  importers: ACADEMIES_IMPORTERS,
};

let lastPercentPrinted = -1;

/** One line per tenth of the national estate written: enough to see it move without flooding logs. */
function printSeedProgress(written: number, total: number): void {
  const percent = Math.floor((written / total) * 10) * 10;
  if (percent === lastPercentPrinted) return;
  lastPercentPrinted = percent;
  process.stderr.write(
    `academies: ${written.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows written (${percent} %)\n`,
  );
}
