import {
  type AcademicYear,
  canSeeSchool,
  forbidden,
  type IsoDate,
  Role,
  type Viewer,
} from '@estate/subgraph-kit';
import type { Trn, Urn } from './domain/identifiers';

/**
 * Who may see what in the workforce subgraph: the one place the rules live. Teacher records are
 * personal data, so every path that returns one (queries, `_entities`, School fields, mutations)
 * asks here first, and an out-of-scope record is refused with the same FORBIDDEN error whether or
 * not it exists.
 *
 * Trust membership and LA areas belong to the academies subgraph. We never read its tables: a
 * School-rooted field gets the school's LA and trust history through `@requires`, and on
 * Teacher-rooted paths the gateway has already resolved a TRUST or LA viewer's schools into the
 * signed viewer, so `canSeeSchool` answers for the URNs a teacher works at.
 */

/** A membership span as academies gives it: `leftOn` is the first day the school was no longer in the trust. */
export interface TrustSpan {
  groupUid: string;
  joinedOn: IsoDate;
  leftOn: IsoDate | null;
}

/** What a School-rooted field knows of the school, the last two fields through `@requires`. */
export interface SchoolScope {
  urn: Urn;
  laCode: string | null;
  trustHistory: readonly TrustSpan[] | null;
}

const FORBIDDEN_MESSAGE = 'Not allowed for this viewer';

function refuse(): never {
  throw forbidden(FORBIDDEN_MESSAGE);
}

function overlapsYear(span: TrustSpan, year: AcademicYear): boolean {
  return span.joinedOn <= year.lastDay && (span.leftOn === null || span.leftOn > year.firstDay);
}

/**
 * Teacher-level data for one teacher, given every URN they have an employment spell at: their own
 * record, or staff of a school the viewer may see today (a trust the schools it runs now).
 */
export function canReadTeacher(
  viewer: Viewer,
  trn: Trn,
  employmentUrns: readonly Urn[],
  today: IsoDate,
): boolean {
  switch (viewer.role) {
    case Role.DfE:
      return true;
    case Role.Teacher:
      return viewer.trn === trn;
    case Role.School:
    case Role.LocalAuthority:
    case Role.Trust:
      return employmentUrns.some((urn) => canSeeSchool(viewer, urn, today));
    default:
      return false;
  }
}

export function assertCanReadTeacher(
  viewer: Viewer,
  trn: Trn,
  employmentUrns: readonly Urn[],
  today: IsoDate,
): void {
  if (!canReadTeacher(viewer, trn, employmentUrns, today)) refuse();
}

/**
 * Teacher-level data about a school's staff for a claim year: the school itself, the LA it is in,
 * and a trust that ran it at any time in that year. Without the `@requires` data an LA or trust
 * viewer is refused, never assumed in scope.
 */
export function canReadSchoolStaff(
  viewer: Viewer,
  school: SchoolScope,
  year: AcademicYear,
): boolean {
  switch (viewer.role) {
    case Role.DfE:
      return true;
    case Role.School:
      return viewer.urn === school.urn;
    case Role.LocalAuthority:
      return viewer.laCode !== undefined && school.laCode === viewer.laCode;
    case Role.Trust:
      return (
        viewer.groupUid !== undefined &&
        (school.trustHistory ?? []).some(
          (span) => span.groupUid === viewer.groupUid && overlapsYear(span, year),
        )
      );
    default:
      return false;
  }
}

export function assertCanReadSchoolStaff(
  viewer: Viewer,
  school: SchoolScope,
  year: AcademicYear,
): void {
  if (!canReadSchoolStaff(viewer, school, year)) refuse();
}

/** Trust and LA premium totals: the body itself and DfE see exact figures, everyone else suppressed ones. */
export function seesExactTotals(
  viewer: Viewer,
  body: { groupUid: string } | { laCode: string },
): boolean {
  if (viewer.role === Role.DfE) return true;
  if ('groupUid' in body) return viewer.role === Role.Trust && viewer.groupUid === body.groupUid;
  return viewer.role === Role.LocalAuthority && viewer.laCode === body.laCode;
}

/** A teacher claims for themself; DfE may enter a claim on a teacher's behalf. */
export function assertCanClaim(viewer: Viewer, trn: Trn): void {
  if (viewer.role === Role.DfE) return;
  if (viewer.role === Role.Teacher && viewer.trn === trn) return;
  refuse();
}

/** Teacher feeds and award lists come from DfE only. */
export function assertCanManagePremiumData(viewer: Viewer): void {
  if (viewer.role !== Role.DfE) refuse();
}
