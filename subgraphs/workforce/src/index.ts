import type { SubgraphModule } from '@estate/subgraph-kit';
import { readWorkforceConfig, type WorkforceConfig } from './config';
import { createWorkforceOrm, SCHEMA } from './orm';
import { buildWorkforceSchema } from './schema';
import { hasTeachers, seedDemo } from './seed/seed';
import { createWorkforceServer } from './server';

import {
  PREMIUM_AWARDS_USAGE,
  premiumAwardsArguments,
  TEACHERS_USAGE,
  teachersArguments,
  withProblemsListed,
} from './import/cli';
import { importPremiumAwards } from './import/premium-awards';
import { importTeachers } from './import/teachers';

export { importPremiumAwards, type PremiumAwardsImportReport } from './import/premium-awards';
export { importTeachers, type TeachersImportReport } from './import/teachers';

export const workforceSubgraph: SubgraphModule<WorkforceConfig> = {
  name: 'workforce',
  schema: SCHEMA,
  readConfig: readWorkforceConfig,
  createOrm: createWorkforceOrm,
  buildSchema: buildWorkforceSchema,
  createServer: createWorkforceServer,
  hasData: hasTeachers,
  seedScales: ['demo'],
  seed: async (orm, scale) => {
    if (scale !== 'demo') throw new Error(`The ${scale} workforce is not built yet`);
    await seedDemo(orm);
  },
  importers: {
    'premium-awards': {
      usage: PREMIUM_AWARDS_USAGE,
      run: async (orm, args) => {
        const { academicYear, file } = premiumAwardsArguments(args);
        const report = await importPremiumAwards(orm, file, academicYear).catch((error) => {
          throw withProblemsListed(error);
        });
        console.log(JSON.stringify(report, null, 2));
      },
    },
    teachers: {
      usage: TEACHERS_USAGE,
      run: async (orm, args) => {
        const { file } = teachersArguments(args);
        const report = await importTeachers(orm, file).catch((error) => {
          throw withProblemsListed(error);
        });
        console.log(JSON.stringify(report, null, 2));
      },
    },
  },
};
