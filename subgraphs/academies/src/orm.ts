import { createOrm, type MikroORM, type QueryLog } from '@estate/subgraph-kit';
import { Migration20261203000000_estate } from './migrations/Migration20261203000000_estate';
import { SchoolLinkEntity } from './modules/link/link.entity';
import { LocalAuthorityEntity } from './modules/local-authority/local-authority.entity';
import { SchoolEntity } from './modules/school/school.entity';
import { TrustEntity, TrustMembershipEntity } from './modules/trust/trust.entity';

export const SCHEMA = 'academies';

export function createAcademiesOrm(databaseUrl: string, queryLog?: QueryLog): Promise<MikroORM> {
  return createOrm({
    databaseUrl,
    schema: SCHEMA,
    entities: [
      SchoolEntity,
      LocalAuthorityEntity,
      TrustEntity,
      TrustMembershipEntity,
      SchoolLinkEntity,
    ],
    migrations: [{ name: 'Migration20261203000000_estate', class: Migration20261203000000_estate }],
    queryLog,
  });
}
