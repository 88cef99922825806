import { DateScalar } from '@estate/subgraph-kit';
import { Field, Float, InputType, Int } from 'type-graphql';
import type { ContractType } from '../../domain/employment';
import type { FormalActionKind } from '../../domain/formal-action';
import type { QualificationRoute } from '../../domain/qualification';
import type { SubjectCode } from '../../domain/subjects';
import type { Teacher as TeacherRecord } from '../../domain/teacher';
import {
  ContractTypeCode,
  FormalActionKindCode,
  QualificationRouteCode,
  SubjectCodeValue,
} from './teacher.codes';

@InputType()
export class QualificationInput {
  @Field(() => QualificationRouteCode)
  route!: QualificationRoute;

  @Field(() => DateScalar, { nullable: true })
  ittStartDate?: string | null;

  @Field(() => DateScalar, { nullable: true })
  ittCompletionDate?: string | null;

  @Field(() => DateScalar, { nullable: true })
  qtsAwardedOn?: string | null;

  @Field(() => SubjectCodeValue)
  ittSubject!: SubjectCode;

  @Field(() => [SubjectCodeValue], { defaultValue: [] })
  degreeSubjects!: SubjectCode[];
}

@InputType()
export class EmploymentSpellInput {
  @Field(() => Int)
  urn!: number;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, { nullable: true })
  endDate?: string | null;

  @Field(() => ContractTypeCode)
  contractType!: ContractType;

  @Field(() => Boolean, { defaultValue: true })
  wholeTermContract!: boolean;

  @Field(() => Boolean, { defaultValue: true })
  employedDirectlyBySchool!: boolean;
}

@InputType()
export class FormalActionInput {
  @Field(() => FormalActionKindCode)
  kind!: FormalActionKind;

  @Field(() => DateScalar)
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endedOn?: string | null;
}

@InputType({
  description:
    "One teacher's whole record: an upsert replaces their qualification, spells and actions",
})
export class TeacherInput {
  @Field(() => String)
  trn!: string;

  @Field(() => String)
  name!: string;

  @Field(() => QualificationInput)
  qualification!: QualificationInput;

  @Field(() => [EmploymentSpellInput])
  employment!: EmploymentSpellInput[];

  @Field(() => Float)
  eligibleSubjectTeachingPercent!: number;

  @Field(() => [FormalActionInput], { defaultValue: [] })
  formalActions!: FormalActionInput[];
}

const defined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** The domain record an input describes; validation is the domain's (`assertValidTeachers`). */
export function teacherRecordFrom(input: TeacherInput): TeacherRecord {
  return {
    trn: input.trn,
    name: input.name,
    qualification: {
      route: input.qualification.route,
      ittStartDate: defined(input.qualification.ittStartDate),
      ittCompletionDate: defined(input.qualification.ittCompletionDate),
      qtsAwardedOn: defined(input.qualification.qtsAwardedOn),
      ittSubject: input.qualification.ittSubject,
      degreeSubjects: input.qualification.degreeSubjects ?? [],
    },
    employment: input.employment.map((spell) => ({
      urn: spell.urn,
      startDate: spell.startDate,
      endDate: defined(spell.endDate),
      contractType: spell.contractType,
      wholeTermContract: spell.wholeTermContract ?? true,
      employedDirectlyBySchool: spell.employedDirectlyBySchool ?? true,
    })),
    eligibleSubjectTeachingPercent: input.eligibleSubjectTeachingPercent,
    formalActions: (input.formalActions ?? []).map((action) => ({
      kind: action.kind,
      startedOn: action.startedOn,
      endedOn: defined(action.endedOn),
    })),
  };
}
