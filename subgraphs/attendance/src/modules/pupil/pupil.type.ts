import { connectionOf, DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { SenStatus, Sex } from '../measures/measures.type';
import type { EnrolmentEntity } from './pupil.entity';

const SEN_BY_CODE: Record<string, SenStatus> = {
  N: SenStatus.NONE,
  K: SenStatus.SEN_SUPPORT,
  E: SenStatus.EHC_PLAN,
};

@ObjectType({
  description:
    'A pupil as registered at one school (DfE counts enrolments). Personal data: visible only to the school, its trust on the dates it ran the school, its LA and DfE. The id is opaque.',
})
@Directive('@key(fields: "id")')
export class Pupil {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The school whose register this is' })
  urn!: number;

  @Field(() => String, { description: 'Unique pupil number' })
  upn!: string;

  @Field(() => DateScalar)
  dateOfBirth!: string;

  @Field(() => Int, { description: 'National curriculum year group' })
  yearGroup!: number;

  @Field(() => Sex)
  sex!: Sex;

  @Field(() => Boolean)
  freeSchoolMeals!: boolean;

  @Field(() => SenStatus)
  senStatus!: SenStatus;

  @Field(() => Boolean)
  englishAsAdditionalLanguage!: boolean;

  @Field(() => DateScalar)
  admittedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  leftOn!: string | null;

  /** The date the viewer's scope was checked for; field resolvers check it again. */
  checkedOn!: string;

  static from(entity: EnrolmentEntity, checkedOn: string): Pupil {
    return Object.assign(new Pupil(), {
      id: entity.id,
      urn: entity.urn,
      upn: entity.upn,
      dateOfBirth: entity.dateOfBirth,
      yearGroup: entity.yearGroup,
      sex: entity.sex === 'F' ? Sex.FEMALE : Sex.MALE,
      freeSchoolMeals: entity.fsm,
      senStatus: SEN_BY_CODE[entity.senStatus] ?? SenStatus.NONE,
      englishAsAdditionalLanguage: entity.eal,
      admittedOn: entity.admittedOn,
      leftOn: entity.leftOn,
      checkedOn,
    });
  }
}

@ObjectType({ description: 'The current mark of one session' })
export class SessionMark {
  @Field(() => DateScalar)
  date!: string;

  @Field(() => String, { description: 'AM or PM' })
  session!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  meaning!: string;

  @Field(() => String, { description: 'When the MIS recorded this value (ISO 8601)' })
  recordedAt!: string;

  @Field(() => Int, { description: 'How many earlier values history keeps for this session' })
  amendments!: number;
}

export const { Connection: PupilConnection, Edge: PupilEdge } = connectionOf('Pupil', Pupil);
