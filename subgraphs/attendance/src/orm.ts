import { createOrm, type MikroORM, type QueryLog } from '@estate/subgraph-kit';
import { Migration20261203100000_attendance } from './migrations/Migration20261203100000_attendance';
import { Migration20261203120000_acting_on_absence } from './migrations/Migration20261203120000_acting_on_absence';
import { Migration20261203140000_persistence_rollup } from './migrations/Migration20261203140000_persistence_rollup';
import { Migration20261203160000_partition_daily_rollup } from './migrations/Migration20261203160000_partition_daily_rollup';
import { MentoringCaseEntity } from './modules/mentoring/mentoring.entity';
import { PenaltyNoticeEntity } from './modules/penalty/penalty-notice.entity';
import { EnrolmentEntity } from './modules/pupil/pupil.entity';
import {
  MarkHistoryEntity,
  RegisterSubmissionEntity,
  VendorAuthorisationEntity,
} from './modules/register/register.entity';

export const SCHEMA = 'attendance';

/**
 * Memory for each sort and hash of a statement. Trust, LA and national figures group millions of
 * rollup rows by school and code; with PostgreSQL's default 4 MB those groupings spill to disk and
 * take several times as long.
 */
export const AGGREGATE_WORK_MEM = '64MB';

export function createAttendanceOrm(databaseUrl: string, queryLog?: QueryLog): Promise<MikroORM> {
  return createOrm({
    databaseUrl,
    schema: SCHEMA,
    entities: [
      EnrolmentEntity,
      RegisterSubmissionEntity,
      MarkHistoryEntity,
      VendorAuthorisationEntity,
      MentoringCaseEntity,
      PenaltyNoticeEntity,
    ],
    migrations: [
      {
        name: 'Migration20261203100000_attendance',
        class: Migration20261203100000_attendance,
      },
      {
        name: 'Migration20261203120000_acting_on_absence',
        class: Migration20261203120000_acting_on_absence,
      },
      {
        name: 'Migration20261203140000_persistence_rollup',
        class: Migration20261203140000_persistence_rollup,
      },
      {
        name: 'Migration20261203160000_partition_daily_rollup',
        class: Migration20261203160000_partition_daily_rollup,
      },
    ],
    queryLog,
    sessionSettings: { work_mem: AGGREGATE_WORK_MEM },
  });
}
