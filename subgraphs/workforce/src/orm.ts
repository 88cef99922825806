import { createOrm, type MikroORM, type QueryLog } from '@estate/subgraph-kit';
import { Migration20261203120000_workforce } from './migrations/Migration20261203120000_workforce';
import {
  PremiumAwardEntity,
  PremiumAwardUploadEntity,
} from './modules/premium-award/premium-award.entity';
import {
  PremiumClaimEntity,
  PremiumTopUpEntity,
} from './modules/premium-claim/premium-claim.entity';
import {
  EmploymentSpellEntity,
  FormalActionEntity,
  TeacherEntity,
} from './modules/teacher/teacher.entity';

export const SCHEMA = 'workforce';

export function createWorkforceOrm(databaseUrl: string, queryLog?: QueryLog): Promise<MikroORM> {
  return createOrm({
    databaseUrl,
    schema: SCHEMA,
    entities: [
      TeacherEntity,
      EmploymentSpellEntity,
      FormalActionEntity,
      PremiumAwardEntity,
      PremiumAwardUploadEntity,
      PremiumClaimEntity,
      PremiumTopUpEntity,
    ],
    migrations: [
      { name: 'Migration20261203120000_workforce', class: Migration20261203120000_workforce },
    ],
    queryLog,
  });
}
