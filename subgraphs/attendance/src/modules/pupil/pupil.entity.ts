import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A pupil as registered at one school (an enrolment); the row holds personal data. */
@Entity({ tableName: 'enrolment' })
@Unique({ properties: ['urn', 'upn'] })
export class EnrolmentEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'integer' })
  urn!: number;

  @Property({ type: 'string', length: 13 })
  upn!: string;

  @Property({ type: 'date' })
  dateOfBirth!: string;

  @Property({ type: 'smallint' })
  yearGroup!: number;

  @Property({ type: 'string', length: 1 })
  sex!: string;

  @Property({ type: 'boolean' })
  fsm!: boolean;

  /** N no special need, K SEN support, E education, health and care plan (census codes). */
  @Property({ type: 'string', length: 1 })
  senStatus!: string;

  @Property({ type: 'boolean' })
  eal!: boolean;

  @Property({ type: 'date' })
  admittedOn!: string;

  @Property({ type: 'date', nullable: true })
  leftOn!: string | null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}
