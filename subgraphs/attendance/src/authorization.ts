import {
  canSeeSchool,
  forbidden,
  type IsoDate,
  Role,
  todayIso,
  type Viewer,
} from '@estate/subgraph-kit';

/**
 * Who may see and write what in the attendance subgraph (architecture.md §6, reliability.md §2).
 * Every service asks here, on every path, `__resolveReference` included; nothing else decides.
 *
 * - Pupil-level data: SCHOOL its own URN, TRUST the schools it ran on the date asked, LA the
 *   schools in its area, DFE all. PUBLIC, MIS_VENDOR and TEACHER never.
 * - Aggregates: anyone, but suppressed (kit suppression.ts) unless the viewer may see the pupils
 *   behind them: its own school, trust or LA, or DFE.
 * - Registers are written by a SCHOOL for itself or by a MIS_VENDOR the school authorised; a
 *   vendor reads back only its own submissions.
 */

export function mayReadPupilsOf(viewer: Viewer, urn: number, on: IsoDate = todayIso()): boolean {
  return canSeeSchool(viewer, urn, on);
}

/** Out-of-scope reads get FORBIDDEN with the same message whether the record exists or not. */
export function assertMayReadPupilsOf(viewer: Viewer, urn: number, on: IsoDate = todayIso()): void {
  if (!mayReadPupilsOf(viewer, urn, on)) throw forbiddenPupilData();
}

export function forbiddenPupilData() {
  return forbidden('Pupil-level attendance is not available to this viewer');
}

export type AggregateScope =
  | { kind: 'school'; urn: number }
  | { kind: 'trust'; groupUid: string }
  | { kind: 'localAuthority'; code: string }
  | { kind: 'national' };

export type GroupScope = Extract<AggregateScope, { kind: 'trust' | 'localAuthority' }>;

/** Whether an aggregate is shown in full (true) or with small numbers suppressed (false). */
export function maySeeUnsuppressed(viewer: Viewer, scope: AggregateScope, on: IsoDate): boolean {
  if (viewer.role === Role.DfE) return true;
  switch (scope.kind) {
    case 'school':
      return canSeeSchool(viewer, scope.urn, on);
    case 'trust':
      return viewer.role === Role.Trust && viewer.groupUid === scope.groupUid;
    case 'localAuthority':
      return viewer.role === Role.LocalAuthority && viewer.laCode === scope.code;
    case 'national':
      return false;
  }
}

export type RegisterWriter =
  | { kind: 'school'; urn: number; source: string }
  | {
      kind: 'vendor';
      vendorId: string;
      source: string;
      /** The schools an API key is limited to; null for a vendor token, which is not. */
      keyUrns: ReadonlySet<number> | null;
    };

/** The roles that may send registers at all; which URNs they may send is checked per batch. */
export function registerWriterOf(viewer: Viewer): RegisterWriter {
  if (viewer.role === Role.School && viewer.urn !== undefined) {
    return { kind: 'school', urn: viewer.urn, source: `school:${viewer.urn}` };
  }
  if (viewer.role === Role.MisVendor && viewer.vendorId) {
    return {
      kind: 'vendor',
      vendorId: viewer.vendorId,
      source: `vendor:${viewer.vendorId}`,
      keyUrns: viewer.schools ? new Set(viewer.schools.map((span) => span.urn)) : null,
    };
  }
  throw forbidden('Only a school or a MIS vendor it authorised may submit registers');
}

/**
 * A school writes its own register; a vendor the URNs that authorised it (looked up by the caller).
 * An API key may narrow a vendor to fewer schools, never widen it past their authorisations.
 */
export function mayWriteRegister(
  writer: RegisterWriter,
  urn: number,
  vendorAuthorisedUrns: ReadonlySet<number>,
): boolean {
  if (writer.kind === 'school') return writer.urn === urn;
  return vendorAuthorisedUrns.has(urn) && (writer.keyUrns === null || writer.keyUrns.has(urn));
}

/** A submission's receipt: its vendor, its school, or DfE. */
export function mayReadSubmission(
  viewer: Viewer,
  submission: { urn: number; vendorId: string | null },
): boolean {
  if (viewer.role === Role.DfE) return true;
  if (viewer.role === Role.MisVendor) {
    return viewer.vendorId !== undefined && submission.vendorId === viewer.vendorId;
  }
  if (viewer.role === Role.School) return viewer.urn === submission.urn;
  return false;
}

/**
 * Acting on absence (domain.md §2.6–2.7): enrolling a pupil in mentoring and issuing, paying or
 * withdrawing penalty notices are the LA's work, for pupils of schools in its area; DfE may act on
 * any. Schools, trusts and everyone else read what their scope allows but never write it.
 */
export function mayActOnPupilsOf(viewer: Viewer, urn: number, on: IsoDate = todayIso()): boolean {
  if (viewer.role === Role.DfE) return true;
  return viewer.role === Role.LocalAuthority && canSeeSchool(viewer, urn, on);
}

/** The roles that may act at all; which pupils they may act on is checked per item. */
export function assertMayActOnAbsence(viewer: Viewer): void {
  if (viewer.role !== Role.DfE && viewer.role !== Role.LocalAuthority) {
    throw forbidden('Only a local authority, for schools in its area, or DfE may do this');
  }
}

/** Who recorded a write, for the audit columns. */
export function actorOf(viewer: Viewer): string {
  return viewer.role === Role.LocalAuthority ? `LA:${viewer.laCode}` : viewer.role;
}

/** An LA-wide list of pupil-level records: that LA itself, or DfE. */
export function mayReadPupilsOfLocalAuthority(viewer: Viewer, laCode: string): boolean {
  return maySeeUnsuppressed(viewer, { kind: 'localAuthority', code: laCode }, todayIso());
}

/**
 * A trust- or LA-wide list of pupils on a date: that trust or LA itself, or DfE, and only when the
 * viewer's own scope covers every school on the list, so that schools named by the caller (the
 * `@requires` fields of an entity representation) never widen it.
 */
export function assertMayReadPupilsOfGroup(
  viewer: Viewer,
  scope: GroupScope,
  urns: readonly number[],
  on: IsoDate,
): void {
  const mayRead =
    maySeeUnsuppressed(viewer, scope, on) && urns.every((urn) => mayReadPupilsOf(viewer, urn, on));
  if (!mayRead) throw forbiddenPupilData();
}
