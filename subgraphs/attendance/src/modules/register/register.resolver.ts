import { PageArgs, parsePage, connectionOf } from '@estate/subgraph-kit';
import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { AttendanceContext } from '../../context';
import { SubmitRegisterInput } from './register.input';
import { RegisterSubmissionResult } from './register.type';

const { Connection: RegisterSubmissionConnection } = connectionOf(
  'RegisterSubmission',
  RegisterSubmissionResult,
);

@Resolver()
export class RegisterResolver {
  @Mutation(() => RegisterSubmissionResult, {
    description:
      "A school's register from its MIS: all or nothing, idempotent by natural key and by idempotencyKey",
  })
  submitRegister(
    @Arg('input', () => SubmitRegisterInput) input: SubmitRegisterInput,
    @Ctx() ctx: AttendanceContext,
  ) {
    return ctx.registers.submit(input);
  }

  @Query(() => RegisterSubmissionResult, {
    nullable: true,
    description: 'A submission receipt, for the vendor or school that sent it',
  })
  registerSubmission(@Arg('id', () => ID) id: string, @Ctx() ctx: AttendanceContext) {
    return ctx.registers.submission(id);
  }

  @Query(() => RegisterSubmissionConnection, {
    nullable: true,
    description: "The viewer's own submissions: a vendor's or a school's",
  })
  registerSubmissions(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: AttendanceContext) {
    return ctx.registers.ownSubmissions(parsePage(page));
  }
}
