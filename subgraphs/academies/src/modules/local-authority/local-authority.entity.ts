import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'local_authority' })
export class LocalAuthorityEntity {
  @PrimaryKey({ type: 'string', length: 3 })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string', nullable: true })
  gssCode!: string | null;

  @Property({ type: 'string', nullable: true })
  region!: string | null;
}
