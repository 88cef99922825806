import type { SubgraphModule } from '@estate/subgraph-kit';
import { readWorkforceConfig, type WorkforceConfig } from './config';
import { createWorkforceOrm, SCHEMA } from './orm';
import { buildWorkforceSchema } from './schema';
import { hasTeachers, seedDemo } from './seed/seed';
import { createWorkforceServer } from './server';

export { importPremiumAwards, type PremiumAwardsImportReport } from './import/premium-awards';

export const workforceSubgraph: SubgraphModule<WorkforceConfig> = {
  name: 'workforce',
  schema: SCHEMA,
  readConfig: readWorkforceConfig,
  createOrm: createWorkforceOrm,
  buildSchema: buildWorkforceSchema,
  createServer: createWorkforceServer,
  hasData: hasTeachers,
  seed: async (orm, scale) => {
    if (scale !== 'demo') throw new Error(`The ${scale} workforce is not built yet`);
    await seedDemo(orm);
  },
};
