import type { SubgraphModule } from '@estate/subgraph-kit';
import { readWorkforceConfig, type WorkforceConfig } from './config';
import { createWorkforceOrm, SCHEMA } from './orm';
import { buildWorkforceSchema } from './schema';
import { hasTeachers, seedDemo } from './seed/seed';
import { createWorkforceServer } from './server';

import { importPremiumAwards } from './import/premium-awards';

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
  importers: {
    'premium-awards': {
      usage: "<school_urn,award_amount.csv> --year 2022/23   (replaces that year's list)",
      run: async (orm, args) => {
        const [file] = args;
        const year = args[args.indexOf('--year') + 1];
        if (!file || file.startsWith('--') || !args.includes('--year') || !year) {
          throw new Error('Usage: pnpm run import premium-awards <file.csv> --year 2022/23');
        }
        console.log(JSON.stringify(await importPremiumAwards(orm, file, year), null, 2));
      },
    },
  },
};
