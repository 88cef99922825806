import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One pupil's time in the 1-2-1 attendance mentoring pilot (domain.md §2.6). */
@Entity({ tableName: 'mentoring_case' })
export class MentoringCaseEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'integer' })
  urn!: number;

  @Property({ type: 'uuid' })
  enrolmentId!: string;

  @Property({ type: 'string' })
  mentorName!: string;

  @Property({ type: 'string' })
  mentorOrganisation!: string;

  @Property({ type: 'date' })
  enrolledOn!: string;

  @Property({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Property({ type: 'string', nullable: true })
  endReason!: string | null;

  /** Year-to-date possible sessions on the day before enrolment, as they were then. */
  @Property({ type: 'integer' })
  eligibilityPossible!: number;

  @Property({ type: 'integer' })
  eligibilityAbsence!: number;

  @Property({ type: 'string' })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
