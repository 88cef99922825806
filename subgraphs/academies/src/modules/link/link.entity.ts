import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'school_link' })
export class SchoolLinkEntity {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  urn!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  linkedUrn!: number;

  /** As GIAS words it: "Predecessor", "Successor", "Predecessor - amalgamated", … */
  @PrimaryKey({ type: 'string' })
  linkType!: string;

  @Property({ type: 'date', nullable: true })
  establishedOn!: string | null;
}
