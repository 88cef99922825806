import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'register_submission' })
export class RegisterSubmissionEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'integer' })
  urn!: number;

  /** Who sent it: `vendor:<id>`, `school:<urn>`, or `import:<file>` for the bulk path. */
  @Property({ type: 'string' })
  source!: string;

  @Property({ type: 'string', nullable: true })
  vendorId!: string | null;

  @Property({ type: 'string', nullable: true })
  idempotencyKey!: string | null;

  @Property({ type: 'string', length: 64 })
  payloadHash!: string;

  @Property({ type: 'integer' })
  inserted!: number;

  @Property({ type: 'integer' })
  amended!: number;

  @Property({ type: 'integer' })
  unchanged!: number;

  @Property({ type: 'integer' })
  stale!: number;

  @Property({ type: 'integer' })
  pupils!: number;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}

@Entity({ tableName: 'mark_history' })
export class MarkHistoryEntity {
  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Property({ type: 'integer' })
  urn!: number;

  @Property({ type: 'uuid' })
  enrolmentId!: string;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'string', length: 2 })
  session!: string;

  @Property({ type: 'string', length: 2 })
  code!: string;

  @Property({ type: 'datetime' })
  sourceUpdatedAt!: Date;

  @Property({ type: 'uuid' })
  submissionId!: string;

  @Property({ type: 'string', length: 2 })
  replacedByCode!: string;

  @Property({ type: 'uuid' })
  replacedBySubmissionId!: string;

  @Property({ type: 'datetime' })
  replacedAt!: Date;

  @Property({ type: 'string' })
  source!: string;
}

@Entity({ tableName: 'vendor_authorisation' })
export class VendorAuthorisationEntity {
  @PrimaryKey({ type: 'string' })
  vendorId!: string;

  @PrimaryKey({ type: 'integer' })
  urn!: number;

  @Property({ type: 'date' })
  authorisedOn!: string;

  @Property({ type: 'date', nullable: true })
  revokedOn!: string | null;
}
