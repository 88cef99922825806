import { buildSubgraph } from '@estate/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { AttendanceContext } from './context';
import {
  AbsenceRiskGroupReportResolver,
  AbsenceRiskPupilResolver,
  AbsenceRiskReportResolver,
} from './modules/early-warning/early-warning.resolver';
import { LocalAuthorityAttendanceResolver } from './modules/local-authority/local-authority.resolver';
import { MentoringResolver } from './modules/mentoring/mentoring.resolver';
import { PenaltyNoticeResolver } from './modules/penalty/penalty-notice.resolver';
import { NationalAttendanceResolver } from './modules/measures/measures.resolver';
import { PupilResolver } from './modules/pupil/pupil.resolver';
import { RegisterResolver } from './modules/register/register.resolver';
import { SchoolAttendanceResolver } from './modules/school/school.resolver';
import { School } from './modules/school/school.type';
import { LocalAuthority, SchoolOpenSpan } from './modules/local-authority/local-authority.type';
import { Pupil } from './modules/pupil/pupil.type';
import { TrustAttendanceResolver } from './modules/trust/trust.resolver';
import { MembershipSpan, Trust } from './modules/trust/trust.type';

export function buildAttendanceSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({
    resolvers: [
      SchoolAttendanceResolver,
      TrustAttendanceResolver,
      LocalAuthorityAttendanceResolver,
      NationalAttendanceResolver,
      PupilResolver,
      RegisterResolver,
      AbsenceRiskReportResolver,
      AbsenceRiskGroupReportResolver,
      AbsenceRiskPupilResolver,
      MentoringResolver,
      PenaltyNoticeResolver,
    ],
    // Entities this subgraph only extends are reached through _entities, not from Query.
    orphanedTypes: [School, Trust, MembershipSpan, LocalAuthority, SchoolOpenSpan, Pupil],
    referenceResolvers: {
      School: { __resolveReference: (ref: { urn: number }) => ({ urn: ref.urn }) },
      Trust: {
        __resolveReference: (ref: { groupUid: string; membershipSpans?: unknown[] }) => ref,
      },
      LocalAuthority: {
        __resolveReference: (ref: Pick<LocalAuthority, 'code' | 'schoolSpans'>) => ref,
      },
      // The same scope check as every other pupil read: out of scope is null with FORBIDDEN.
      Pupil: {
        __resolveReference: (ref: { id: string }, ctx: AttendanceContext) =>
          ctx.pupils.find(ref.id),
      },
    },
  });
}
