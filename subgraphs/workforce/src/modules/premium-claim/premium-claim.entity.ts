import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'premium_claim' })
export class PremiumClaimEntity {
  @PrimaryKey({ type: 'string', length: 7 })
  trn!: string;

  /** The claim year's first calendar year: 2024 for 2024/25. */
  @PrimaryKey({ type: 'smallint' })
  academicYear!: number;

  @Property({ type: 'integer' })
  urn!: number;

  @Property({ type: 'string' })
  subject!: string;

  @Property({ type: 'integer' })
  awardAmountPounds!: number;

  @Property({ type: 'date' })
  claimedOn!: string;
}

@Entity({ tableName: 'premium_top_up' })
export class PremiumTopUpEntity {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 7 })
  trn!: string;

  @Property({ type: 'smallint' })
  academicYear!: number;

  @Property({ type: 'integer' })
  amountPounds!: number;

  @Property({ type: 'date' })
  createdOn!: string;
}
