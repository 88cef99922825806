import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type FieldDefinitionNode,
  Kind,
  parse,
  type DocumentNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { REPO_ROOT } from './processes';

export const SUPERGRAPH_PATH = join(REPO_ROOT, 'schema', 'supergraph.graphql');

/**
 * The benchmark's operations, built from the fields the committed supergraph has, so that they
 * grow with the graph: a subgraph that has not landed yet simply adds no fields.
 */
export interface BenchOperations {
  schoolProfile: string;
  trustProfile: string;
  /** Which subgraph-owned parts each operation ended up with, for the report. */
  schoolProfileParts: string[];
  trustProfileParts: string[];
  academicYear: string;
}

class SupergraphFields {
  private readonly types = new Map<string, Map<string, FieldDefinitionNode>>();

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      if (
        definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.INTERFACE_TYPE_DEFINITION
      ) {
        const fields = (definition as ObjectTypeDefinitionNode).fields ?? [];
        this.types.set(definition.name.value, new Map(fields.map((f) => [f.name.value, f])));
      }
    }
  }

  has(type: string, field: string): boolean {
    return this.types.get(type)?.has(field) ?? false;
  }

  /** The given scalar fields of a type that exist, as a selection. */
  present(type: string, fields: string[]): string[] {
    return fields.filter((field) => this.has(type, field));
  }
}

/** The academic year that holds `today`, as `"2024/25"`. */
export function academicYearOf(today: Date): string {
  const start = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** architecture.md §3, with whichever of its parts the supergraph has today. */
export function buildBenchOperations(
  supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8'),
  academicYear = academicYearOf(new Date()),
): BenchOperations {
  const schema = new SupergraphFields(parse(supergraphSdl));
  const schoolParts: string[] = ['academies'];
  const trustParts: string[] = ['academies'];

  const schoolExtras: string[] = [];
  const attendanceFields = schema.present('AttendanceSummary', [
    'possibleSessions',
    'overallAbsenceRate',
    'authorisedAbsenceRate',
    'unauthorisedAbsenceRate',
    'persistentAbsenceRate',
    'severeAbsenceRate',
  ]);
  const hasAttendance = schema.has('School', 'attendance') && attendanceFields.length > 0;
  if (hasAttendance) {
    schoolExtras.push(`attendance(academicYear: $academicYear) { ${attendanceFields.join(' ')} }`);
    schoolParts.push('attendance');
  }
  const inspectionFields = schema.present('Inspection', [
    'inspectionDate',
    'kind',
    'categoryOfConcern',
  ]);
  if (schema.has('School', 'inspections') && inspectionFields.length > 0) {
    const graded = schema.has('GradedInspection', 'overallEffectiveness')
      ? ' ... on GradedInspection { overallEffectiveness }'
      : '';
    schoolExtras.push(`inspections { ${inspectionFields.join(' ')}${graded} }`);
    schoolParts.push('inspections');
  }
  const interventionFields = schema.present('InterventionStatus', ['eligible', 'reason']);
  if (schema.has('School', 'interventionStatus') && interventionFields.length > 0) {
    schoolExtras.push(`interventionStatus { ${interventionFields.join(' ')} }`);
  }
  const teacherFields = schema.present('PremiumEligibleTeacher', [
    'trn',
    'name',
    'subject',
    'awardAmountPounds',
  ]);
  const hasTeachers = schema.has('School', 'premiumEligibleTeachers') && teacherFields.length > 0;
  if (hasTeachers) {
    schoolExtras.push(
      `premiumEligibleTeachers(academicYear: $academicYear) { ${teacherFields.join(' ')} }`,
    );
    schoolParts.push('workforce');
  }
  const yearVariable = ', $academicYear: AcademicYear!';
  const schoolYearVariable = hasAttendance || hasTeachers ? yearVariable : '';

  const schoolProfile = `query SchoolProfile($urn: Int!${schoolYearVariable}) {
  school(urn: $urn) {
    urn name phase
    localAuthority { code name }
    trust { groupUid name type joinedOn }
    ${schoolExtras.join('\n    ')}
  }
}`;

  // The trust query: the trust's own aggregates, and each member school with its own parts.
  const trustExtras: string[] = [];
  if (schema.has('Trust', 'attendance') && attendanceFields.length > 0) {
    trustExtras.push(`attendance(academicYear: $academicYear) { ${attendanceFields.join(' ')} }`);
    trustParts.push('attendance');
  }
  const profileFields = schema.present('InspectionProfile', [
    'schools',
    'pupils',
    'goodOrOutstandingPupilPercentage',
  ]);
  if (schema.has('Trust', 'inspectionProfile') && profileFields.length > 0) {
    trustExtras.push(`inspectionProfile { ${profileFields.join(' ')} }`);
    trustParts.push('inspections');
  }
  const totalsFields = schema.present('PremiumTotals', ['eligibleTeachers', 'totalAwardPounds']);
  if (schema.has('Trust', 'premiumTotals') && totalsFields.length > 0) {
    trustExtras.push(`premiumTotals(academicYear: $academicYear) { ${totalsFields.join(' ')} }`);
  }
  const memberExtras = schoolExtras.filter((part) => !part.startsWith('interventionStatus'));
  if (
    !trustParts.includes('inspections') &&
    memberExtras.some((p) => p.startsWith('inspections'))
  ) {
    trustParts.push('inspections');
  }
  if (hasTeachers) trustParts.push('workforce');
  const trustUsesYear = memberExtras.concat(trustExtras).some((p) => p.includes('$academicYear'));
  const trustYearVariable = trustUsesYear ? yearVariable : '';
  const trustProfile = `query TrustProfile($groupUid: ID!, $first: Int!${trustYearVariable}) {
  trust(groupUid: $groupUid) {
    groupUid name type
    ${trustExtras.join('\n    ')}
    schools(first: $first) {
      totalCount
      edges { joinedOn node { urn name phase ${memberExtras.join(' ')} } }
    }
  }
}`;
  return {
    schoolProfile,
    trustProfile,
    schoolProfileParts: [...new Set(schoolParts)],
    trustProfileParts: [...new Set(trustParts)],
    academicYear,
  };
}
