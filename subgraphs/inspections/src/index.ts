import type { Importer, SubgraphModule } from '@estate/subgraph-kit';
import { type InspectionsConfig, readInspectionsConfig } from './config';
import { importOfstedHistory, importOfstedMi, printReport } from './import/ofsted-import';
import { createInspectionsOrm, SCHEMA } from './orm';
import { buildInspectionsSchema } from './schema';
import { hasInspections, seedDemo } from './seed/seed';
import { createInspectionsServer } from './server';

function fileImporter(usage: string, run: typeof importOfstedMi): Importer {
  return {
    usage,
    async run(orm, args) {
      if (args.length === 0) throw new Error(`Usage: pnpm import <kind> ${usage}`);
      for (const file of args) printReport(await run(orm, file, console.log));
    },
  };
}

const ofstedMi = fileImporter('<management-information.csv> …', importOfstedMi);

export const inspectionsSubgraph: SubgraphModule<InspectionsConfig> = {
  name: 'inspections',
  schema: SCHEMA,
  readConfig: readInspectionsConfig,
  createOrm: createInspectionsOrm,
  buildSchema: buildInspectionsSchema,
  createServer: createInspectionsServer,
  hasData: hasInspections,
  seedScales: ['demo'],
  seed: async (orm, scale) => {
    if (scale !== 'demo') throw new Error(`The ${scale} estate is not built yet`);
    await seedDemo(orm);
  },
  importers: {
    ofsted: ofstedMi,
    'ofsted-mi': ofstedMi,
    'ofsted-history': fileImporter('<urn-rating-date-history.csv> …', importOfstedHistory),
  },
};
