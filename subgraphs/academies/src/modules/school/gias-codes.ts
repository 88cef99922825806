import { registerEnumType } from 'type-graphql';

/** GIAS PhaseOfEducation, indexed by its published code. */
export enum Phase {
  NOT_APPLICABLE = 'NOT_APPLICABLE',
  NURSERY = 'NURSERY',
  PRIMARY = 'PRIMARY',
  MIDDLE_DEEMED_PRIMARY = 'MIDDLE_DEEMED_PRIMARY',
  SECONDARY = 'SECONDARY',
  MIDDLE_DEEMED_SECONDARY = 'MIDDLE_DEEMED_SECONDARY',
  SIXTEEN_PLUS = 'SIXTEEN_PLUS',
  ALL_THROUGH = 'ALL_THROUGH',
}
export const PHASE_BY_CODE: readonly Phase[] = [
  Phase.NOT_APPLICABLE,
  Phase.NURSERY,
  Phase.PRIMARY,
  Phase.MIDDLE_DEEMED_PRIMARY,
  Phase.SECONDARY,
  Phase.MIDDLE_DEEMED_SECONDARY,
  Phase.SIXTEEN_PLUS,
  Phase.ALL_THROUGH,
];
registerEnumType(Phase, { name: 'Phase', description: 'GIAS phase of education' });

/** GIAS EstablishmentStatus, published codes 1 to 4. */
export enum EstablishmentStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  OPEN_PROPOSED_TO_CLOSE = 'OPEN_PROPOSED_TO_CLOSE',
  PROPOSED_TO_OPEN = 'PROPOSED_TO_OPEN',
}
export const STATUS_BY_CODE: Readonly<Record<number, EstablishmentStatus>> = {
  1: EstablishmentStatus.OPEN,
  2: EstablishmentStatus.CLOSED,
  3: EstablishmentStatus.OPEN_PROPOSED_TO_CLOSE,
  4: EstablishmentStatus.PROPOSED_TO_OPEN,
};
registerEnumType(EstablishmentStatus, { name: 'EstablishmentStatus' });

export function codeOf<T>(table: Readonly<Record<number, T>> | readonly T[], value: T): number {
  const entry = Object.entries(table).find(([, v]) => v === value);
  if (!entry) throw new Error(`No GIAS code for ${String(value)}`);
  return Number(entry[0]);
}

/**
 * How an academy came to be, told apart by GIAS TypeOfEstablishment (domain.md §3.1). Free schools,
 * UTCs and studio schools are new provision, not conversions.
 */
export enum AcademyRoute {
  SPONSORED = 'SPONSORED',
  CONVERTER = 'CONVERTER',
  NEW_PROVISION = 'NEW_PROVISION',
}
registerEnumType(AcademyRoute, { name: 'AcademyRoute' });

const SPONSORED_TYPES = new Set([28, 33, 43, 46]);
const CONVERTER_TYPES = new Set([34, 42, 44, 45]);
const NEW_PROVISION_TYPES = new Set([35, 36, 38, 39, 40, 41]);

export function academyRouteOf(typeCode: number): AcademyRoute | null {
  if (SPONSORED_TYPES.has(typeCode)) return AcademyRoute.SPONSORED;
  if (CONVERTER_TYPES.has(typeCode)) return AcademyRoute.CONVERTER;
  if (NEW_PROVISION_TYPES.has(typeCode)) return AcademyRoute.NEW_PROVISION;
  return null;
}

/** GIAS group types that DfE's APIs count as trusts (domain.md §1.3); federations and sponsors are not. */
export enum TrustType {
  MULTI_ACADEMY_TRUST = 'MULTI_ACADEMY_TRUST',
  SINGLE_ACADEMY_TRUST = 'SINGLE_ACADEMY_TRUST',
  SECURE_SINGLE_ACADEMY_TRUST = 'SECURE_SINGLE_ACADEMY_TRUST',
}
export const TRUST_TYPE_BY_CODE: Readonly<Record<string, TrustType>> = {
  '06': TrustType.MULTI_ACADEMY_TRUST,
  '10': TrustType.SINGLE_ACADEMY_TRUST,
  '11': TrustType.SECURE_SINGLE_ACADEMY_TRUST,
};
registerEnumType(TrustType, { name: 'TrustType' });

export function trustTypeCodeOf(type: TrustType): string {
  const code = Object.keys(TRUST_TYPE_BY_CODE).find((key) => TRUST_TYPE_BY_CODE[key] === type);
  if (!code) throw new Error(`No GIAS group type code for ${type}`);
  return code;
}

/** Link types that point from a school back to the one it replaced, as GIAS words them. */
export function isPredecessorLink(linkType: string): boolean {
  return /^predecessor/i.test(linkType);
}

export function isSuccessorLink(linkType: string): boolean {
  return /^successor/i.test(linkType);
}
