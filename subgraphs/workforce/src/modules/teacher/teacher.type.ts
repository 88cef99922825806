import { AcademicYear, DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import type { ContractType } from '../../domain/employment';
import type { FormalActionKind } from '../../domain/formal-action';
import { ittAcademicYear, type QualificationRoute } from '../../domain/qualification';
import type { SubjectCode } from '../../domain/subjects';
import type { Teacher as TeacherRecord } from '../../domain/teacher';
import {
  ContractTypeCode,
  FormalActionKindCode,
  QualificationRouteCode,
  SubjectCodeValue,
} from './teacher.codes';

@ObjectType({ description: 'How the teacher qualified, with the dates that fix the ITT year' })
export class Qualification {
  @Field(() => QualificationRouteCode)
  route!: QualificationRoute;

  @Field(() => DateScalar, { nullable: true, description: 'Fixes the ITT year for postgraduates' })
  ittStartDate!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Fixes the ITT year for undergraduates',
  })
  ittCompletionDate!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Fixes the ITT year for assessment only and overseas recognition',
  })
  qtsAwardedOn!: string | null;

  @Field(() => SubjectCodeValue)
  ittSubject!: SubjectCode;

  @Field(() => [SubjectCodeValue])
  degreeSubjects!: SubjectCode[];

  @Field(() => AcademicYear, {
    nullable: true,
    description:
      'The ITT academic year for the route (a postgraduate start from 18 to 31 August counts as September); null while unknown',
  })
  ittAcademicYear!: AcademicYear | null;
}

@ObjectType({ description: 'A spell of employment at one school (from the pension feed)' })
export class EmploymentSpell {
  @Field(() => Int)
  urn!: number;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day employed; null while open' })
  endDate!: string | null;

  @Field(() => ContractTypeCode)
  contractType!: ContractType;

  @Field(() => Boolean, { description: 'For supply teachers: a contract for at least a term' })
  wholeTermContract!: boolean;

  @Field(() => Boolean, {
    description: 'For supply teachers: employed by the school, not an agency',
  })
  employedDirectlyBySchool!: boolean;
}

@ObjectType()
export class FormalAction {
  @Field(() => FormalActionKindCode)
  kind!: FormalActionKind;

  @Field(() => DateScalar)
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in force; null while ongoing' })
  endedOn!: string | null;
}

@ObjectType({ description: 'A teacher, identified by their 7-digit teacher reference number' })
@Directive('@key(fields: "trn")')
export class Teacher {
  @Field(() => String, { description: 'Teacher reference number, 7 digits' })
  trn!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Qualification)
  qualification!: Qualification;

  @Field(() => [EmploymentSpell], { description: 'Oldest first' })
  employment!: EmploymentSpell[];

  @Field(() => Float, {
    description: 'Share of contracted teaching hours on eligible subjects, 0 to 100',
  })
  eligibleSubjectTeachingPercent!: number;

  @Field(() => [FormalAction])
  formalActions!: FormalAction[];

  /** The domain record, for eligibility; not part of the API. */
  record!: TeacherRecord;

  static from(record: TeacherRecord): Teacher {
    const { qualification } = record;
    return Object.assign(new Teacher(), {
      trn: record.trn,
      name: record.name,
      qualification: Object.assign(new Qualification(), {
        route: qualification.route,
        ittStartDate: qualification.ittStartDate ?? null,
        ittCompletionDate: qualification.ittCompletionDate ?? null,
        qtsAwardedOn: qualification.qtsAwardedOn ?? null,
        ittSubject: qualification.ittSubject,
        degreeSubjects: qualification.degreeSubjects,
        ittAcademicYear: ittAcademicYear(qualification) ?? null,
      }),
      employment: record.employment.map((spell) =>
        Object.assign(new EmploymentSpell(), {
          urn: spell.urn,
          startDate: spell.startDate,
          endDate: spell.endDate ?? null,
          contractType: spell.contractType,
          wholeTermContract: spell.wholeTermContract,
          employedDirectlyBySchool: spell.employedDirectlyBySchool,
        }),
      ),
      eligibleSubjectTeachingPercent: record.eligibleSubjectTeachingPercent,
      formalActions: record.formalActions.map((action) =>
        Object.assign(new FormalAction(), {
          kind: action.kind,
          startedOn: action.startedOn,
          endedOn: action.endedOn ?? null,
        }),
      ),
      record,
    });
  }
}
