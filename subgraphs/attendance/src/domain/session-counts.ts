import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { badUserInput } from '@estate/subgraph-kit/src/errors';
import { type RegisterCode, registerCodeDefinition } from './register-codes';

export type Session = 'AM' | 'PM';

/** One register mark: the unit everything else is counted from. */
export interface RegisterMark {
  date: IsoDate;
  session: Session;
  code: RegisterCode;
}

/**
 * Sessions counted by statistical class, plus every code on its own. Counts are additive: the
 * figures for a school, trust, LA or period are the sums of their parts, and rates are taken only
 * after summing (ratio of sums, domain.md §2.3).
 */
export interface SessionCounts {
  present: number;
  approvedEducationalActivity: number;
  authorisedAbsence: number;
  unauthorisedAbsence: number;
  /** D, X, Q, Y, Y1–Y7, Z and #: kept so that totals reconcile, never in possible sessions. */
  notCounted: number;
  /** L + U. */
  late: number;
  byCode: Readonly<Record<RegisterCode, number>>;
}

export const NO_SESSIONS: SessionCounts = Object.freeze({
  present: 0,
  approvedEducationalActivity: 0,
  authorisedAbsence: 0,
  unauthorisedAbsence: 0,
  notCounted: 0,
  late: 0,
  byCode: Object.freeze({}),
});

export function addSessionCounts(a: SessionCounts, b: SessionCounts): SessionCounts {
  const byCode: Record<RegisterCode, number> = { ...a.byCode };
  for (const [code, sessions] of Object.entries(b.byCode)) {
    byCode[code] = (byCode[code] ?? 0) + sessions;
  }
  return {
    present: a.present + b.present,
    approvedEducationalActivity: a.approvedEducationalActivity + b.approvedEducationalActivity,
    authorisedAbsence: a.authorisedAbsence + b.authorisedAbsence,
    unauthorisedAbsence: a.unauthorisedAbsence + b.unauthorisedAbsence,
    notCounted: a.notCounted + b.notCounted,
    late: a.late + b.late,
    byCode,
  };
}

export function sumSessionCounts(parts: Iterable<SessionCounts>): SessionCounts {
  let total = NO_SESSIONS;
  for (const part of parts) total = addSessionCounts(total, part);
  return total;
}

/** `sessions` sessions all recorded with `code`; the building block for rollups read from SQL. */
export function sessionCountsForCode(code: RegisterCode, sessions = 1): SessionCounts {
  const definition = registerCodeDefinition(code);
  if (!definition) throw badUserInput(`"${code}" is not a register code in the DfE code table`);
  return {
    present: definition.statisticalClass === 'present' ? sessions : 0,
    approvedEducationalActivity:
      definition.statisticalClass === 'approvedEducationalActivity' ? sessions : 0,
    authorisedAbsence: definition.statisticalClass === 'authorisedAbsence' ? sessions : 0,
    unauthorisedAbsence: definition.statisticalClass === 'unauthorisedAbsence' ? sessions : 0,
    notCounted: definition.statisticalClass === 'notCounted' ? sessions : 0,
    late: definition.late ? sessions : 0,
    byCode: { [code]: sessions },
  };
}

export function countMarks(marks: Iterable<Pick<RegisterMark, 'code'>>): SessionCounts {
  const sessionsByCode = new Map<RegisterCode, number>();
  for (const mark of marks) sessionsByCode.set(mark.code, (sessionsByCode.get(mark.code) ?? 0) + 1);
  return sumSessionCounts(
    [...sessionsByCode].map(([code, sessions]) => sessionCountsForCode(code, sessions)),
  );
}

/** present = / + \ + L */
export function presentSessions(counts: SessionCounts): number {
  return counts.present;
}

/** overall attendance = present + approved educational activity */
export function overallAttendanceSessions(counts: SessionCounts): number {
  return counts.present + counts.approvedEducationalActivity;
}

/** overall absence = authorised + unauthorised */
export function overallAbsenceSessions(counts: SessionCounts): number {
  return counts.authorisedAbsence + counts.unauthorisedAbsence;
}

/** possible = overall attendance + overall absence; the not-counted codes stay out. */
export function possibleSessions(counts: SessionCounts): number {
  return overallAttendanceSessions(counts) + overallAbsenceSessions(counts);
}
