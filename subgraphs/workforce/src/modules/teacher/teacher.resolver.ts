import { AcademicYear } from '@estate/subgraph-kit';
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { WorkforceContext } from '../../context';
import { PremiumClaim } from '../premium-claim/premium-claim.type';
import { PremiumEligibility } from '../premium-eligibility/premium-eligibility.type';
import { TeacherInput } from './teacher.input';
import { Teacher } from './teacher.type';

@ObjectType()
export class UpsertTeachersPayload {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;
}

@Resolver(() => Teacher)
export class TeacherResolver {
  @Query(() => Teacher, {
    nullable: true,
    description: 'A teacher by TRN: for the teacher, their schools and DfE',
  })
  teacher(@Arg('trn', () => String) trn: string, @Ctx() ctx: WorkforceContext) {
    return ctx.teachers.get(trn);
  }

  @FieldResolver(() => PremiumEligibility, {
    description:
      "Whether the teacher can claim for the year and, if not, CAPT's first failing reason",
  })
  premiumEligibility(
    @Root() teacher: Teacher,
    @Arg('academicYear', () => AcademicYear) academicYear: AcademicYear,
    @Arg('urn', () => Int, {
      nullable: true,
      description: 'The school claimed for; by default the current one',
    })
    urn: number | null,
    @Ctx() ctx: WorkforceContext,
  ) {
    return ctx.eligibility.forTeacher(teacher.record, academicYear, urn);
  }

  @FieldResolver(() => [PremiumClaim], { description: 'Every claim, oldest year first' })
  premiumClaims(@Root() teacher: Teacher, @Ctx() ctx: WorkforceContext) {
    return ctx.claims.claimsOf(teacher.trn);
  }

  @Mutation(() => UpsertTeachersPayload, {
    description:
      'Teacher records from the teacher, pension and workforce-census feeds. DfE only; all or nothing; sending the same records again changes nothing.',
  })
  upsertTeachers(
    @Arg('input', () => [TeacherInput]) input: TeacherInput[],
    @Ctx() ctx: WorkforceContext,
  ) {
    return ctx.teachers.upsert(input);
  }
}
