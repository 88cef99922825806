import type { SchoolLinkEntity } from '../modules/link/link.entity';
import type { LocalAuthorityEntity } from '../modules/local-authority/local-authority.entity';
import type { SchoolEntity } from '../modules/school/school.entity';
import type { TrustEntity, TrustMembershipEntity } from '../modules/trust/trust.entity';

type Row<T> = { [K in keyof T]: T[K] };

/** The academies subgraph's data as plain rows: what seeds write and other subgraphs' seeds build on. */
export interface Estate {
  localAuthorities: Row<LocalAuthorityEntity>[];
  schools: Row<SchoolEntity>[];
  trusts: Row<TrustEntity>[];
  memberships: Omit<Row<TrustMembershipEntity>, 'id'>[];
  links: Row<SchoolLinkEntity>[];
}
