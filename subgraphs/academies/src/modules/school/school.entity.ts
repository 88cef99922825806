import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'school' })
export class SchoolEntity {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  urn!: number;

  @Property({ type: 'string', length: 3 })
  laCode!: string;

  @Property({ type: 'integer', nullable: true })
  establishmentNumber!: number | null;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'smallint' })
  typeCode!: number;

  @Property({ type: 'string' })
  typeName!: string;

  @Property({ type: 'smallint' })
  typeGroupCode!: number;

  @Property({ type: 'string' })
  typeGroupName!: string;

  @Property({ type: 'smallint' })
  statusCode!: number;

  @Property({ type: 'smallint' })
  phaseCode!: number;

  @Property({ type: 'smallint', nullable: true })
  statutoryLowAge!: number | null;

  @Property({ type: 'smallint', nullable: true })
  statutoryHighAge!: number | null;

  @Property({ type: 'date', nullable: true })
  openedOn!: string | null;

  @Property({ type: 'date', nullable: true })
  closedOn!: string | null;

  @Property({ type: 'string', nullable: true })
  reasonOpened!: string | null;

  @Property({ type: 'string', nullable: true })
  reasonClosed!: string | null;

  @Property({ type: 'integer', nullable: true })
  numberOfPupils!: number | null;

  @Property({ type: 'double', nullable: true, columnType: 'numeric(5,2)' })
  percentageFsm!: number | null;

  @Property({ type: 'string', nullable: true })
  street!: string | null;

  @Property({ type: 'string', nullable: true })
  locality!: string | null;

  @Property({ type: 'string', nullable: true })
  town!: string | null;

  @Property({ type: 'string', nullable: true })
  postcode!: string | null;

  @Property({ type: 'string', nullable: true })
  region!: string | null;

  @Property({ type: 'string', nullable: true })
  ukprn!: string | null;
}
