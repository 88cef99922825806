import { AcademicYear, DateScalar } from '@estate/subgraph-kit';
import { ArgsType, Field } from 'type-graphql';
import { AttendanceGranularity, AttendanceGroupInput } from './measures.type';

@ArgsType()
export class AttendanceArgs {
  @Field(() => AcademicYear, {
    nullable: true,
    description: 'Defaults to the year containing from, or the current year',
  })
  academicYear?: AcademicYear | null;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to the start of the year' })
  from?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Defaults to the end of the year, or today while it runs',
  })
  to?: string | null;

  @Field(() => AttendanceGroupInput, { nullable: true })
  group?: AttendanceGroupInput | null;
}

@ArgsType()
export class AttendanceSeriesArgs extends AttendanceArgs {
  @Field(() => AttendanceGranularity)
  granularity!: AttendanceGranularity;
}
