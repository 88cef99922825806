import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** An Ofsted inspection as stored: under the URN it was made under, on either scale. */
@Entity({ tableName: 'inspection' })
export class InspectionEntity {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  urn!: number;

  /** graded, ungraded, urgent or reportCard. */
  @Property({ type: 'string' })
  kind!: string;

  @Property({ type: 'string', nullable: true })
  inspectionNumber!: string | null;

  @Property({ type: 'date', nullable: true })
  startDate!: string | null;

  @Property({ type: 'date', nullable: true })
  publicationDate!: string | null;

  @Property({ type: 'date' })
  inspectionDate!: string;

  @Property({ type: 'smallint', nullable: true })
  overallEffectiveness!: number | null;

  @Property({ type: 'string', nullable: true })
  categoryOfConcern!: string | null;

  @Property({ type: 'string', nullable: true })
  safeguarding!: string | null;

  /** Sub-judgements by EIF area, or report-card evaluations by area. */
  @Property({ type: 'json' })
  judgements!: Record<string, number | string>;

  @Property({ type: 'string', nullable: true })
  outcomeText!: string | null;

  @Property({ type: 'integer', nullable: true })
  numberOfPupils!: number | null;

  /** demo, ofsted-mi or ofsted-history. */
  @Property({ type: 'string' })
  source!: string;
}
