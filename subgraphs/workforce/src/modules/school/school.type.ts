import { DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalAuthority } from '../local-authority/local-authority.type';

/** A school's trust membership as academies gives it, for authorising trust viewers. */
@ObjectType()
export class TrustMembership {
  @Field(() => ID)
  @Directive('@external')
  groupUid!: string;

  @Field(() => DateScalar)
  @Directive('@external')
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  @Directive('@external')
  leftOn!: string | null;
}

/**
 * The academies subgraph's School, extended with the premium. Its LA and trust history come
 * through `@requires` only to decide who may see its teachers; we store no school data.
 */
@ObjectType()
@Directive('@key(fields: "urn")')
export class School {
  @Field(() => Int)
  urn!: number;

  @Field(() => LocalAuthority)
  @Directive('@external')
  localAuthority?: LocalAuthority;

  @Field(() => [TrustMembership])
  @Directive('@external')
  trustHistory?: TrustMembership[];
}
