/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** SERIOUS_WEAKNESSES is also "requires significant improvement", its newer name; NOTICE_TO_IMPROVE is the pre-2012 category */
export type CategoryOfConcern = 'NOTICE_TO_IMPROVE' | 'SERIOUS_WEAKNESSES' | 'SPECIAL_MEASURES';

export type EstablishmentStatus = 'CLOSED' | 'OPEN' | 'OPEN_PROPOSED_TO_CLOSE' | 'PROPOSED_TO_OPEN';

/** Graded (section 5), ungraded (section 8), urgent (no formal designation), or a report card (from 10 November 2025) */
export type InspectionKind = 'GRADED' | 'REPORT_CARD' | 'UNGRADED' | 'URGENT';

/** The intervention rules of domain.md §4.3, each in force over its own dates */
export type InterventionRule =
  | 'CATEGORY_OF_CONCERN'
  | 'REPORT_CARD_STUCK_SCHOOL_PROPOSAL_2025'
  | 'STUCK_SCHOOL_SUPPORT_2024'
  | 'TWO_REQUIRES_IMPROVEMENT_2022';

/** GIAS phase of education */
export type Phase =
  | 'ALL_THROUGH'
  | 'MIDDLE_DEEMED_PRIMARY'
  | 'MIDDLE_DEEMED_SECONDARY'
  | 'NOT_APPLICABLE'
  | 'NURSERY'
  | 'PRIMARY'
  | 'SECONDARY'
  | 'SIXTEEN_PLUS';

/** A subject that makes a teacher eligible for the premium */
export type PremiumSubject = 'CHEMISTRY' | 'COMPUTING' | 'MATHEMATICS' | 'PHYSICS';

export type ReportCardArea =
  | 'ACHIEVEMENT'
  | 'ATTENDANCE_AND_BEHAVIOUR'
  | 'CURRICULUM_AND_TEACHING'
  | 'EARLY_YEARS_PROVISION'
  | 'INCLUSION'
  | 'LEADERSHIP_AND_GOVERNANCE'
  | 'PERSONAL_DEVELOPMENT_AND_WELLBEING'
  | 'POST_16_PROVISION';

/** The report-card five-point scale, best first. It is not the 1–4 scale. */
export type ReportCardGrade =
  | 'EXCEPTIONAL'
  | 'EXPECTED_STANDARD'
  | 'NEEDS_ATTENTION'
  | 'STRONG_STANDARD'
  | 'URGENT_IMPROVEMENT';

/** Every filter given must hold */
export type SchoolFilter = {
  /** 3-digit LA code */
  laCode?: string | null | undefined;
  /** Case-insensitive part of the name */
  nameContains?: string | null | undefined;
  phase?: Phase | null | undefined;
  status?: EstablishmentStatus | null | undefined;
  /** Schools the trust runs today */
  trustGroupUid?: string | null | undefined;
  typeGroupCode?: number | null | undefined;
};

export type TrustType =
  'MULTI_ACADEMY_TRUST' | 'SECURE_SINGLE_ACADEMY_TRUST' | 'SINGLE_ACADEMY_TRUST';

export type FindSchoolsQueryVariables = Exact<{
  filter?: SchoolFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;

export type FindSchoolsQuery = {
  schools: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: {
        urn: number;
        laestab: string | null;
        name: string;
        status: EstablishmentStatus;
        phase: Phase;
        typeGroupName: string;
      };
    }>;
  };
};

export type LocalAuthoritySchoolsQueryVariables = Exact<{
  code: string;
  first: number;
  after?: string | null | undefined;
}>;

export type LocalAuthoritySchoolsQuery = {
  localAuthority: {
    code: string;
    name: string;
    schools: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { urn: number; name: string; isAcademy: boolean } }>;
    };
  } | null;
};

export type SchoolProfileQueryVariables = Exact<{
  urn: number;
  year: string;
}>;

export type SchoolProfileQuery = {
  school: {
    urn: number;
    name: string;
    phase: Phase;
    predecessorUrns: Array<number>;
    successorUrns: Array<number>;
    localAuthority: { code: string; name: string };
    trust: { groupUid: string; name: string; type: TrustType; joinedOn: string } | null;
    attendance: {
      possibleSessions: number | null;
      overallAbsenceRate: number | null;
      authorisedAbsenceRate: number | null;
      unauthorisedAbsenceRate: number | null;
      persistentAbsenceRate: number | null;
      severeAbsenceRate: number | null;
      suppression: string | null;
    } | null;
    inspections: Array<
      | {
          overallEffectiveness: number | null;
          overallEffectivenessLabel: string;
          urn: number;
          isPredecessorInspection: boolean;
          inspectionDate: string;
          kind: InspectionKind;
          categoryOfConcern: CategoryOfConcern | null;
        }
      | {
          safeguardingMet: boolean | null;
          urn: number;
          isPredecessorInspection: boolean;
          inspectionDate: string;
          kind: InspectionKind;
          categoryOfConcern: CategoryOfConcern | null;
          evaluations: Array<{ area: ReportCardArea; grade: ReportCardGrade }>;
        }
    > | null;
    latestInspection:
      | { inspectionDate: string; kind: InspectionKind }
      | { inspectionDate: string; kind: InspectionKind }
      | null;
    interventionStatus: { eligible: boolean; rule: InterventionRule; reason: string } | null;
    premiumEligibleTeachers: Array<{
      trn: string;
      name: string;
      subject: PremiumSubject;
      awardAmountPounds: number;
    }> | null;
  } | null;
};

export type TrustSchoolsQueryVariables = Exact<{
  groupUid: string | number;
  on?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type TrustSchoolsQuery = {
  trust: {
    groupUid: string;
    name: string;
    type: TrustType;
    companiesHouseNumber: string | null;
    schools: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{
        joinedOn: string;
        leftOn: string | null;
        node: { urn: number; name: string; phase: Phase };
      }>;
    };
  } | null;
};

export const FindSchoolsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'FindSchools' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'SchoolFilter' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'schools' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'filter' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'urn' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'laestab' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'phase' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'typeGroupName' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<FindSchoolsQuery, FindSchoolsQueryVariables>;
export const LocalAuthoritySchoolsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'LocalAuthoritySchools' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'code' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'localAuthority' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'code' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'code' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'schools' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'first' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'after' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'pageInfo' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'node' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'urn' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'isAcademy' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<LocalAuthoritySchoolsQuery, LocalAuthoritySchoolsQueryVariables>;
export const SchoolProfileDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'SchoolProfile' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'urn' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'year' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'AcademicYear' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'school' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'urn' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'urn' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'urn' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'phase' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'localAuthority' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'code' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'trust' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'groupUid' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'joinedOn' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'predecessorUrns' } },
                { kind: 'Field', name: { kind: 'Name', value: 'successorUrns' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'attendance' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'academicYear' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'year' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'possibleSessions' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'overallAbsenceRate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'authorisedAbsenceRate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'unauthorisedAbsenceRate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'persistentAbsenceRate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'severeAbsenceRate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'suppression' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'inspections' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'urn' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'isPredecessorInspection' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'inspectionDate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'categoryOfConcern' } },
                      {
                        kind: 'InlineFragment',
                        typeCondition: {
                          kind: 'NamedType',
                          name: { kind: 'Name', value: 'GradedInspection' },
                        },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'overallEffectiveness' },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'overallEffectivenessLabel' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'InlineFragment',
                        typeCondition: {
                          kind: 'NamedType',
                          name: { kind: 'Name', value: 'ReportCardInspection' },
                        },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'evaluations' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'area' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'grade' } },
                                ],
                              },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'safeguardingMet' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'latestInspection' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'inspectionDate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'interventionStatus' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'eligible' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'rule' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'premiumEligibleTeachers' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'academicYear' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'year' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'trn' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'subject' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'awardAmountPounds' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SchoolProfileQuery, SchoolProfileQueryVariables>;
export const TrustSchoolsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'TrustSchools' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'groupUid' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'on' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Date' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          defaultValue: { kind: 'IntValue', value: '100' },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trust' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'groupUid' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'groupUid' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'groupUid' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                { kind: 'Field', name: { kind: 'Name', value: 'companiesHouseNumber' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'schools' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'on' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'on' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'first' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'after' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'pageInfo' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'edges' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'joinedOn' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'leftOn' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'node' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'urn' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'phase' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TrustSchoolsQuery, TrustSchoolsQueryVariables>;
