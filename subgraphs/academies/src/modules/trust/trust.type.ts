import { DateScalar, PageInfo } from '@estate/subgraph-kit';
import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { TRUST_TYPE_BY_CODE, TrustType } from '../school/gias-codes';
import { School } from '../school/school.type';
import type { TrustEntity } from './trust.entity';

@ObjectType({ description: 'A multi- or single-academy trust, identified by its GIAS group UID' })
@Directive('@key(fields: "groupUid")')
export class Trust {
  @Field(() => ID)
  groupUid!: string;

  @Field(() => String, { nullable: true, description: 'Trust reference number, TRnnnnn' })
  trustReference!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => TrustType)
  type!: TrustType;

  @Field(() => String, { nullable: true, description: 'Eight characters, leading zeros kept' })
  companiesHouseNumber!: string | null;

  @Field(() => String, { nullable: true })
  ukprn!: string | null;

  @Field(() => String)
  status!: string;

  @Field(() => DateScalar, { nullable: true })
  openedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  closedOn!: string | null;

  static from(entity: TrustEntity): Trust {
    const trust = new Trust();
    Object.assign(trust, {
      groupUid: entity.groupUid,
      trustReference: entity.groupId,
      name: entity.name,
      type: TRUST_TYPE_BY_CODE[entity.typeCode],
      companiesHouseNumber: entity.companiesHouseNumber,
      ukprn: entity.ukprn,
      status: entity.status,
      openedOn: entity.openedOn,
      closedOn: entity.closedOn,
    });
    return trust;
  }
}

@ObjectType({
  description:
    'A school in a trust over a span of days. leftOn is the first day it was no longer a member; null while it is.',
})
export class TrustMembership {
  @Field(() => ID)
  groupUid!: string;

  @Field(() => String)
  name!: string;

  @Field(() => TrustType)
  type!: TrustType;

  @Field(() => Int)
  urn!: number;

  @Field(() => DateScalar)
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  leftOn!: string | null;

  @Field(() => Trust)
  trust!: Trust;
}

/** One span of a school in a trust, as the API shows it whichever query found it. */
export function trustMembership(trust: Trust, span: MembershipSpan): TrustMembership {
  return {
    groupUid: trust.groupUid,
    name: trust.name,
    type: trust.type,
    urn: span.urn,
    joinedOn: span.joinedOn,
    leftOn: span.leftOn,
    trust,
  };
}

@ObjectType({ description: 'A trust member school on the date asked, with its membership dates' })
export class TrustSchoolEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => School)
  node!: School;

  @Field(() => DateScalar)
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  leftOn!: string | null;
}

@ObjectType()
export class TrustSchoolConnection {
  @Field(() => [TrustSchoolEdge])
  edges!: TrustSchoolEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({
  description: 'One dated span of a school in a trust, for subgraphs that attribute data by day',
})
export class MembershipSpan {
  @Field(() => Int)
  urn!: number;

  @Field(() => DateScalar)
  joinedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  leftOn!: string | null;
}

@InputType()
export class TrustFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name' })
  nameContains?: string | null;

  @Field(() => TrustType, { nullable: true })
  type?: TrustType | null;
}
