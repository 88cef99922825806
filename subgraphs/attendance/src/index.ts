import type { SubgraphModule } from '@estate/subgraph-kit';
import { type AttendanceConfig, readAttendanceConfig } from './config';
import { registersImporter } from './import/registers';
import { createAttendanceOrm, SCHEMA } from './orm';
import { buildAttendanceSchema } from './schema';
import { hasRegisters, seedDemo, seedNational } from './seed/seed';
import { createAttendanceServer } from './server';

export const attendanceSubgraph: SubgraphModule<AttendanceConfig> = {
  name: 'attendance',
  schema: SCHEMA,
  readConfig: readAttendanceConfig,
  createOrm: createAttendanceOrm,
  buildSchema: buildAttendanceSchema,
  createServer: createAttendanceServer,
  hasData: hasRegisters,
  seedScales: ['demo', 'national'],
  seed: async (orm, scale) => {
    if (scale === 'national') await seedNational(orm);
    else await seedDemo(orm);
  },
  importers: { registers: registersImporter },
};
