import { buildSubgraph } from '@estate/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { WorkforceContext } from './context';
import { LocalAuthorityResolver } from './modules/local-authority/local-authority.resolver';
import { LocalAuthority } from './modules/local-authority/local-authority.type';
import { PremiumAwardResolver } from './modules/premium-award/premium-award.resolver';
import { PremiumClaimResolver } from './modules/premium-claim/premium-claim.resolver';
import { SchoolResolver } from './modules/school/school.resolver';
import { School, type TrustMembership } from './modules/school/school.type';
import { TeacherResolver } from './modules/teacher/teacher.resolver';
import { TrustResolver } from './modules/trust/trust.resolver';
import { type MembershipSpan, Trust } from './modules/trust/trust.type';

interface SchoolReference {
  urn: number;
  localAuthority?: { code: string };
  trustHistory?: TrustMembership[];
}

export function buildWorkforceSchema(): Promise<GraphQLSchema> {
  return buildSubgraph({
    resolvers: [
      TeacherResolver,
      PremiumClaimResolver,
      PremiumAwardResolver,
      SchoolResolver,
      TrustResolver,
      LocalAuthorityResolver,
    ],
    orphanedTypes: [School, Trust, LocalAuthority],
    referenceResolvers: {
      // Schools, trusts and LAs are academies' entities: what we get is the key plus any
      // `@requires` data, and the fields that need a scope check it themselves.
      School: {
        __resolveReference: (ref: SchoolReference) =>
          Object.assign(new School(), {
            urn: ref.urn,
            localAuthority: ref.localAuthority,
            trustHistory: ref.trustHistory,
          }),
      },
      Trust: {
        __resolveReference: (ref: { groupUid: string; membershipSpans?: MembershipSpan[] }) =>
          Object.assign(new Trust(), {
            groupUid: ref.groupUid,
            membershipSpans: ref.membershipSpans,
          }),
      },
      LocalAuthority: {
        __resolveReference: (ref: { code: string; schoolUrns?: number[] }) =>
          Object.assign(new LocalAuthority(), { code: ref.code, schoolUrns: ref.schoolUrns }),
      },
      // Personal data: the scope is checked here exactly as for `Query.teacher`.
      Teacher: {
        __resolveReference: (ref: { trn: string }, ctx: WorkforceContext) =>
          ctx.teachers.get(ref.trn),
      },
    },
  });
}
