import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'trust' })
export class TrustEntity {
  @PrimaryKey({ type: 'string' })
  groupUid!: string;

  @Property({ type: 'string', nullable: true })
  groupId!: string | null;

  @Property({ type: 'string' })
  name!: string;

  /** GIAS group type code as published: 06 multi-academy, 10 single-academy, 11 secure single-academy. */
  @Property({ type: 'string', length: 2 })
  typeCode!: string;

  @Property({ type: 'string', nullable: true })
  companiesHouseNumber!: string | null;

  @Property({ type: 'string', nullable: true })
  ukprn!: string | null;

  @Property({ type: 'string' })
  status!: string;

  @Property({ type: 'date', nullable: true })
  openedOn!: string | null;

  @Property({ type: 'date', nullable: true })
  closedOn!: string | null;
}

@Entity({ tableName: 'trust_membership' })
export class TrustMembershipEntity {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string' })
  groupUid!: string;

  @Property({ type: 'integer' })
  urn!: number;

  @Property({ type: 'date' })
  joinedOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn!: string | null;
}
