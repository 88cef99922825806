import { createOrm, type MikroORM, type QueryLog } from '@estate/subgraph-kit';
import { Migration20261203100000_attendance } from './migrations/Migration20261203100000_attendance';
import { EnrolmentEntity } from './modules/pupil/pupil.entity';
import {
  MarkHistoryEntity,
  RegisterSubmissionEntity,
  VendorAuthorisationEntity,
} from './modules/register/register.entity';

export const SCHEMA = 'attendance';

export function createAttendanceOrm(databaseUrl: string, queryLog?: QueryLog): Promise<MikroORM> {
  return createOrm({
    databaseUrl,
    schema: SCHEMA,
    entities: [
      EnrolmentEntity,
      RegisterSubmissionEntity,
      MarkHistoryEntity,
      VendorAuthorisationEntity,
    ],
    migrations: [
      {
        name: 'Migration20261203100000_attendance',
        class: Migration20261203100000_attendance,
      },
    ],
    queryLog,
  });
}
