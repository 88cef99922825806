import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'teacher' })
export class TeacherEntity {
  @PrimaryKey({ type: 'string', length: 7 })
  trn!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  route!: string;

  @Property({ type: 'date', nullable: true })
  ittStartDate!: string | null;

  @Property({ type: 'date', nullable: true })
  ittCompletionDate!: string | null;

  @Property({ type: 'date', nullable: true })
  qtsAwardedOn!: string | null;

  @Property({ type: 'string' })
  ittSubject!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  degreeSubjects!: string[];

  @Property({ type: 'double', columnType: 'numeric(5,2)' })
  eligibleSubjectTeachingPercent!: number;
}

@Entity({ tableName: 'employment_spell' })
export class EmploymentSpellEntity {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 7 })
  trn!: string;

  @Property({ type: 'integer' })
  urn!: number;

  @Property({ type: 'date' })
  startDate!: string;

  @Property({ type: 'date', nullable: true })
  endDate!: string | null;

  @Property({ type: 'string' })
  contractType!: string;

  @Property({ type: 'boolean' })
  wholeTermContract!: boolean;

  @Property({ type: 'boolean' })
  employedDirectlyBySchool!: boolean;
}

@Entity({ tableName: 'formal_action' })
export class FormalActionEntity {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'string', length: 7 })
  trn!: string;

  @Property({ type: 'string' })
  kind!: string;

  @Property({ type: 'date' })
  startedOn!: string;

  @Property({ type: 'date', nullable: true })
  endedOn!: string | null;
}
