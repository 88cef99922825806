import { createOrm, type MikroORM, type QueryLog } from '@estate/subgraph-kit';
import { Migration20261203100000_inspections } from './migrations/Migration20261203100000_inspections';
import { InspectionEntity } from './modules/inspection/inspection.entity';

export const SCHEMA = 'inspections';

export function createInspectionsOrm(databaseUrl: string, queryLog?: QueryLog): Promise<MikroORM> {
  return createOrm({
    databaseUrl,
    schema: SCHEMA,
    entities: [InspectionEntity],
    migrations: [
      {
        name: 'Migration20261203100000_inspections',
        class: Migration20261203100000_inspections,
      },
    ],
    queryLog,
  });
}
