import { DateScalar } from '@estate/subgraph-kit';
import { Directive, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import {
  AcademyRoute,
  academyRouteOf,
  EstablishmentStatus,
  Phase,
  PHASE_BY_CODE,
  STATUS_BY_CODE,
} from './gias-codes';
import type { SchoolEntity } from './school.entity';

@ObjectType({ description: 'Postal address as GIAS holds it' })
export class Address {
  @Field(() => String, { nullable: true })
  street!: string | null;

  @Field(() => String, { nullable: true })
  locality!: string | null;

  @Field(() => String, { nullable: true })
  town!: string | null;

  @Field(() => String, { nullable: true })
  postcode!: string | null;
}

@ObjectType({ description: 'An establishment in GIAS, identified by its URN' })
@Directive('@key(fields: "urn")')
export class School {
  @Field(() => Int, {
    description: 'Unique Reference Number, 6 digits; a new one is issued on conversion',
  })
  urn!: number;

  @Field(() => String, {
    nullable: true,
    description: 'LA code and establishment number, 7 digits',
  })
  laestab!: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: 'GIAS TypeOfEstablishment code' })
  typeCode!: number;

  @Field(() => String)
  typeName!: string;

  @Field(() => Int, { description: 'GIAS EstablishmentTypeGroup code' })
  typeGroupCode!: number;

  @Field(() => String)
  typeGroupName!: string;

  @Field(() => EstablishmentStatus)
  status!: EstablishmentStatus;

  @Field(() => Phase)
  phase!: Phase;

  @Field(() => Int, { nullable: true })
  statutoryLowAge!: number | null;

  @Field(() => Int, { nullable: true })
  statutoryHighAge!: number | null;

  @Field(() => DateScalar, { nullable: true })
  openedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  closedOn!: string | null;

  @Field(() => String, { nullable: true })
  reasonOpened!: string | null;

  @Field(() => String, { nullable: true })
  reasonClosed!: string | null;

  @Field(() => Int, { nullable: true })
  numberOfPupils!: number | null;

  @Field(() => Float, { nullable: true, description: 'GIAS census-based percentage, 0 to 100' })
  percentageFsm!: number | null;

  @Field(() => Address)
  address!: Address;

  @Field(() => String, { nullable: true, description: 'Government office region' })
  region!: string | null;

  @Field(() => String, { nullable: true })
  ukprn!: string | null;

  @Field(() => Boolean)
  isAcademy!: boolean;

  @Field(() => AcademyRoute, {
    nullable: true,
    description: 'Null for schools that are not academies',
  })
  academyRoute!: AcademyRoute | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day a sponsored or converter academy opened under its new URN',
  })
  convertedOn!: string | null;

  @Field(() => String, {
    description: "3-digit LA code of the school (its LA, not its pupils' homes)",
  })
  laCode!: string;

  static from(entity: SchoolEntity): School {
    const school = new School();
    const route = academyRouteOf(entity.typeCode);
    Object.assign(school, {
      urn: entity.urn,
      laCode: entity.laCode,
      laestab:
        entity.establishmentNumber === null
          ? null
          : `${entity.laCode}${String(entity.establishmentNumber).padStart(4, '0')}`,
      name: entity.name,
      typeCode: entity.typeCode,
      typeName: entity.typeName,
      typeGroupCode: entity.typeGroupCode,
      typeGroupName: entity.typeGroupName,
      status: STATUS_BY_CODE[entity.statusCode],
      phase: PHASE_BY_CODE[entity.phaseCode],
      statutoryLowAge: entity.statutoryLowAge,
      statutoryHighAge: entity.statutoryHighAge,
      openedOn: entity.openedOn,
      closedOn: entity.closedOn,
      reasonOpened: entity.reasonOpened,
      reasonClosed: entity.reasonClosed,
      numberOfPupils: entity.numberOfPupils,
      percentageFsm: entity.percentageFsm === null ? null : Number(entity.percentageFsm),
      address: {
        street: entity.street,
        locality: entity.locality,
        town: entity.town,
        postcode: entity.postcode,
      },
      region: entity.region,
      ukprn: entity.ukprn,
      isAcademy: route !== null,
      academyRoute: route,
      convertedOn:
        route === AcademyRoute.SPONSORED || route === AcademyRoute.CONVERTER
          ? entity.openedOn
          : null,
    });
    return school;
  }
}

@InputType({ description: 'Every filter given must hold' })
export class SchoolFilter {
  @Field(() => String, { nullable: true, description: '3-digit LA code' })
  laCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Schools the trust runs today' })
  trustGroupUid?: string | null;

  @Field(() => Phase, { nullable: true })
  phase?: Phase | null;

  @Field(() => Int, { nullable: true })
  typeGroupCode?: number | null;

  @Field(() => EstablishmentStatus, { nullable: true })
  status?: EstablishmentStatus | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name' })
  nameContains?: string | null;
}
