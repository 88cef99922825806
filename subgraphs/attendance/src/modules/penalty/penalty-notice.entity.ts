import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { PenaltyNoticeKind, PenaltyNoticeStatus } from '../../domain/penalty-notices';

/** A notice to improve or a penalty notice to one parent about one child (domain.md §2.7). */
@Entity({ tableName: 'penalty_notice' })
export class PenaltyNoticeEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'integer' })
  urn!: number;

  @Property({ type: 'uuid' })
  enrolmentId!: string;

  @Property({ type: 'string', length: 13 })
  upn!: string;

  @Property({ type: 'string' })
  parentReference!: string;

  @Property({ type: 'string' })
  kind!: PenaltyNoticeKind;

  @Property({ type: 'string', nullable: true })
  ordinal!: 'first' | 'second' | null;

  @Property({ type: 'date' })
  issuedOn!: string;

  @Property({ type: 'integer', nullable: true })
  amountPounds!: number | null;

  @Property({ type: 'integer', nullable: true })
  reducedAmountPounds!: number | null;

  @Property({ type: 'integer' })
  unauthorisedSessions!: number;

  @Property({ type: 'date' })
  windowFrom!: string;

  @Property({ type: 'string' })
  status!: PenaltyNoticeStatus;

  @Property({ type: 'date', nullable: true })
  paidOn!: string | null;

  @Property({ type: 'integer', nullable: true })
  amountPaidPounds!: number | null;

  @Property({ type: 'date', nullable: true })
  withdrawnOn!: string | null;

  @Property({ type: 'string', nullable: true })
  withdrawalReason!: string | null;

  @Property({ type: 'string' })
  issuedBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
