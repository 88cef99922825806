import { DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { LocalAuthorityEntity } from './local-authority.entity';

@ObjectType({ description: 'A local authority, identified by its 3-digit DfE ("old") LA code' })
@Directive('@key(fields: "code")')
export class LocalAuthority {
  @Field(() => String, { description: '3-digit DfE LA code, e.g. "806"' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: '9-character GSS code, e.g. E06000002' })
  gssCode!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  static from(entity: LocalAuthorityEntity): LocalAuthority {
    return Object.assign(new LocalAuthority(), {
      code: entity.code,
      name: entity.name,
      gssCode: entity.gssCode,
      region: entity.region,
    });
  }
}

@ObjectType({
  description: 'When a school in the area was open, for subgraphs that count the schools of a date',
})
export class SchoolOpenSpan {
  @Field(() => Int)
  urn!: number;

  @Field(() => DateScalar, { nullable: true })
  openedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day it was open' })
  closedOn!: string | null;
}
