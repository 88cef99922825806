import type { SubgraphModule } from '@estate/subgraph-kit';
import { type AcademiesConfig, readAcademiesConfig } from './config';
import { createAcademiesOrm, SCHEMA } from './orm';
import { buildAcademiesSchema } from './schema';
import { hasSchools, seedDemo } from './seed/seed';
import { createAcademiesServer } from './server';

export const academiesSubgraph: SubgraphModule<AcademiesConfig> = {
  name: 'academies',
  schema: SCHEMA,
  readConfig: readAcademiesConfig,
  createOrm: createAcademiesOrm,
  buildSchema: buildAcademiesSchema,
  createServer: createAcademiesServer,
  hasData: hasSchools,
  seed: async (orm, scale) => {
    if (scale !== 'demo') throw new Error(`The ${scale} estate is not built yet`);
    await seedDemo(orm);
  },
};
