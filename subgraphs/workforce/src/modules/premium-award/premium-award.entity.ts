import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** One school on one claim year's award list; `academicYear` is the year's first calendar year. */
@Entity({ tableName: 'premium_award' })
export class PremiumAwardEntity {
  @PrimaryKey({ type: 'smallint' })
  academicYear!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  urn!: number;

  @Property({ type: 'integer' })
  awardAmountPounds!: number;
}

@Entity({ tableName: 'premium_award_upload' })
export class PremiumAwardUploadEntity {
  [OptionalProps]?: 'uploadedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'smallint' })
  academicYear!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  uploadedAt!: Date;

  @Property({ type: 'string' })
  source!: string;

  @Property({ type: 'integer' })
  schools!: number;
}
