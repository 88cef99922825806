import { badUserInput, type SubgraphModule } from '@estate/subgraph-kit';
import { type AttendanceConfig, readAttendanceConfig } from './config';
import { registersImporter } from './import/registers';
import { createAttendanceOrm, SCHEMA } from './orm';
import { buildAttendanceSchema } from './schema';
import { planNationalSeed } from './seed/national';
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
  seed: async (orm, scale, options = {}) => {
    if (scale === 'national') {
      await seedNational(orm, { pupilRegisters: options.pupilRegisters, today: options.asOf });
    } else await seedDemo(orm, options.asOf);
  },
  checkSeedOptions: (scale, options) => {
    if (!options.pupilRegisters) return;
    if (scale !== 'national') {
      throw badUserInput('Pupil registers can be asked for at the national scale only');
    }
    planNationalSeed({ pupilRegisters: options.pupilRegisters });
  },
  importers: { registers: registersImporter },
};
