import { registerEnumType } from 'type-graphql';

/**
 * The API's enums. Their internal values are the domain's own strings, so resolvers pass domain
 * values straight through and clients see DfE's names in upper case.
 */
export enum QualificationRouteCode {
  POSTGRADUATE_ITT = 'postgraduate_itt',
  UNDERGRADUATE_ITT = 'undergraduate_itt',
  ASSESSMENT_ONLY = 'assessment_only',
  OVERSEAS_RECOGNITION = 'overseas_recognition',
}
registerEnumType(QualificationRouteCode, {
  name: 'QualificationRoute',
  description: 'How the teacher qualified; it decides which date fixes the ITT year',
});

export enum SubjectCodeValue {
  CHEMISTRY = 'chemistry',
  COMPUTING = 'computing',
  MATHEMATICS = 'mathematics',
  PHYSICS = 'physics',
  OTHER = 'other',
}
registerEnumType(SubjectCodeValue, {
  name: 'Subject',
  description: 'An ITT or degree subject as the premium sees it: one of its four, or any other',
});

export enum PremiumSubjectCode {
  CHEMISTRY = 'chemistry',
  COMPUTING = 'computing',
  MATHEMATICS = 'mathematics',
  PHYSICS = 'physics',
}
registerEnumType(PremiumSubjectCode, {
  name: 'PremiumSubject',
  description: 'A subject that makes a teacher eligible for the premium',
});

export enum ContractTypeCode {
  PERMANENT = 'permanent',
  FIXED_TERM = 'fixed_term',
  SUPPLY = 'supply',
}
registerEnumType(ContractTypeCode, { name: 'ContractType' });

export enum FormalActionKindCode {
  PERFORMANCE = 'performance',
  DISCIPLINARY = 'disciplinary',
}
registerEnumType(FormalActionKindCode, {
  name: 'FormalActionKind',
  description: 'Formal capability (performance) or disciplinary action',
});
