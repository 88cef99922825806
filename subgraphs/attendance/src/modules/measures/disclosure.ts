import {
  DEFAULT_MINIMUM_COUNT,
  DEFAULT_MINIMUM_SCHOOLS,
  type PublishedCell,
  publishRate,
  SUPPRESSION_MARKER,
} from '@estate/subgraph-kit/src/suppression';
import { attendanceMeasures, percentageOf } from '../../domain/attendance-measures';
import { REGISTER_CODES, registerCodeDefinition } from '../../domain/register-codes';
import type { SessionCounts } from '../../domain/session-counts';
import { AttendanceSummary, ReasonSessions } from './measures.type';

/** Persistent and severe absence over a period; null where DfE does not publish it (days, weeks). */
export interface PersistenceFigures {
  enrolments: number;
  persistentlyAbsent: number;
  severelyAbsent: number;
}

/** What the measures service computes for one scope and period, before disclosure control. */
export interface SummaryFigures {
  period: string;
  from: string;
  to: string;
  schools: number;
  counts: SessionCounts;
  persistence: PersistenceFigures | null;
}

export interface DisclosureRule {
  /** False for viewers who may see the pupils behind the figures. */
  suppress: boolean;
  /** Above school level a figure built from a single school is withheld (ADD's num_schools rule). */
  multiSchool: boolean;
}

interface Relation {
  parts: string[];
  total: string;
}

const CODE = (code: string) => `code:${code}`;
const HIDDEN = '~';

function codesOfClass(counts: SessionCounts, statisticalClass: string): string[] {
  return Object.keys(counts.byCode)
    .filter((code) => registerCodeDefinition(code)?.statisticalClass === statisticalClass)
    .map(CODE);
}

/**
 * The additive relations a reader could use to work a withheld figure back out: every total in
 * the summary with the parts that make it up.
 */
function relationsOf(counts: SessionCounts): Relation[] {
  return [
    { parts: codesOfClass(counts, 'present'), total: 'presentSessions' },
    {
      parts: codesOfClass(counts, 'approvedEducationalActivity'),
      total: 'approvedEducationalActivitySessions',
    },
    { parts: codesOfClass(counts, 'authorisedAbsence'), total: 'authorisedAbsenceSessions' },
    { parts: codesOfClass(counts, 'unauthorisedAbsence'), total: 'unauthorisedAbsenceSessions' },
    { parts: codesOfClass(counts, 'notCounted'), total: 'notCountedSessions' },
    {
      parts: ['L', 'U'].filter((code) => code in counts.byCode).map(CODE),
      total: 'lateSessions',
    },
    {
      parts: ['presentSessions', 'approvedEducationalActivitySessions'],
      total: 'overallAttendanceSessions',
    },
    {
      parts: ['authorisedAbsenceSessions', 'unauthorisedAbsenceSessions'],
      total: 'overallAbsenceSessions',
    },
    { parts: ['overallAttendanceSessions', 'overallAbsenceSessions'], total: 'possibleSessions' },
    {
      parts: ['persistentlyAbsentEnrolments', `${HIDDEN}notPersistentlyAbsent`],
      total: 'enrolments',
    },
    { parts: ['severelyAbsentEnrolments', `${HIDDEN}notSeverelyAbsent`], total: 'enrolments' },
  ].filter((relation) => relation.parts.length > 0);
}

/**
 * Which cells to withhold: counts of 1 to 4 and, above school level, everything built from one
 * school (kit suppression.ts rules), then secondary suppression across every relation until no
 * relation holds exactly one withheld figure. The complement is chosen as the kit chooses it: a
 * part before a total, a non-zero before a zero, then the smallest.
 */
export function withheldCells(
  cells: ReadonlyMap<string, number>,
  relations: readonly Relation[],
  schools: number,
  multiSchool: boolean,
): Set<string> {
  const withheld = new Set<string>();
  for (const [name, count] of cells) {
    if (count >= 1 && count < DEFAULT_MINIMUM_COUNT) withheld.add(name);
    if (multiSchool && schools >= 1 && schools < DEFAULT_MINIMUM_SCHOOLS) withheld.add(name);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const { parts, total } of relations) {
      const members = [...parts, total];
      if (members.filter((name) => withheld.has(name)).length !== 1) continue;
      const complement = members
        .filter((name) => !withheld.has(name))
        .sort((a, b) => {
          const countA = cells.get(a) ?? 0;
          const countB = cells.get(b) ?? 0;
          return (
            Number(a === total) - Number(b === total) ||
            Number(countA === 0) - Number(countB === 0) ||
            countA - countB
          );
        })[0];
      if (complement !== undefined) {
        withheld.add(complement);
        changed = true;
      }
    }
  }
  return withheld;
}

/** The API shape of a summary, with disclosure control applied when the rule asks for it. */
export function publishSummary(figures: SummaryFigures, rule: DisclosureRule): AttendanceSummary {
  const { counts, persistence } = figures;
  const measures = attendanceMeasures(counts);
  const cells = new Map<string, number>([
    ['possibleSessions', measures.possibleSessions],
    ['presentSessions', measures.presentSessions],
    ['approvedEducationalActivitySessions', measures.approvedEducationalActivitySessions],
    ['overallAttendanceSessions', measures.overallAttendanceSessions],
    ['authorisedAbsenceSessions', measures.authorisedAbsenceSessions],
    ['unauthorisedAbsenceSessions', measures.unauthorisedAbsenceSessions],
    ['overallAbsenceSessions', measures.overallAbsenceSessions],
    ['lateSessions', measures.lateSessions],
    ['notCountedSessions', measures.notCountedSessions],
  ]);
  for (const [code, sessions] of Object.entries(counts.byCode)) cells.set(CODE(code), sessions);
  if (persistence) {
    cells.set('enrolments', persistence.enrolments);
    cells.set('persistentlyAbsentEnrolments', persistence.persistentlyAbsent);
    cells.set('severelyAbsentEnrolments', persistence.severelyAbsent);
    cells.set(
      `${HIDDEN}notPersistentlyAbsent`,
      persistence.enrolments - persistence.persistentlyAbsent,
    );
    cells.set(`${HIDDEN}notSeverelyAbsent`, persistence.enrolments - persistence.severelyAbsent);
  }
  const withheld = rule.suppress
    ? withheldCells(cells, relationsOf(counts), figures.schools, rule.multiSchool)
    : new Set<string>();
  const cell = (name: string): PublishedCell => {
    const count = cells.get(name) ?? 0;
    return withheld.has(name)
      ? { count: null, marker: SUPPRESSION_MARKER, reason: 'secondary' }
      : { count, marker: null };
  };
  const count = (name: string): number | null => (cells.has(name) ? cell(name).count : null);
  /** A rate goes with its numerator (kit publishRate) and with its denominator. */
  const rate = (value: number | null, numerator: string, denominator: string): number | null => {
    if (!cells.has(numerator) || !cells.has(denominator)) return null;
    if (withheld.has(denominator)) return null;
    return publishRate(value, cell(numerator)).rate;
  };

  const reasons = REGISTER_CODES.filter((definition) => definition.code in counts.byCode).map(
    (definition) => {
      const name = CODE(definition.code);
      const isWithheld = withheld.has(name);
      return Object.assign(new ReasonSessions(), {
        code: definition.code,
        meaning: definition.meaning,
        statisticalClass: definition.statisticalClass,
        sessions: isWithheld ? null : (counts.byCode[definition.code] ?? 0),
        rate:
          definition.statisticalClass === 'notCounted'
            ? null
            : rate(measures.reasonRates[definition.code] ?? null, name, 'possibleSessions'),
        suppression: isWithheld ? SUPPRESSION_MARKER : null,
      });
    },
  );
  const published = [...withheld].filter((name) => !name.startsWith(HIDDEN));
  return Object.assign(new AttendanceSummary(), {
    period: figures.period,
    from: figures.from,
    to: figures.to,
    schools: figures.schools,
    possibleSessions: count('possibleSessions'),
    presentSessions: count('presentSessions'),
    approvedEducationalActivitySessions: count('approvedEducationalActivitySessions'),
    overallAttendanceSessions: count('overallAttendanceSessions'),
    authorisedAbsenceSessions: count('authorisedAbsenceSessions'),
    unauthorisedAbsenceSessions: count('unauthorisedAbsenceSessions'),
    overallAbsenceSessions: count('overallAbsenceSessions'),
    lateSessions: count('lateSessions'),
    notCountedSessions: count('notCountedSessions'),
    attendanceRate: rate(measures.attendanceRate, 'overallAttendanceSessions', 'possibleSessions'),
    presentRate: rate(measures.presentRate, 'presentSessions', 'possibleSessions'),
    approvedEducationalActivityRate: rate(
      percentageOf(measures.approvedEducationalActivitySessions, measures.possibleSessions),
      'approvedEducationalActivitySessions',
      'possibleSessions',
    ),
    overallAbsenceRate: rate(
      measures.overallAbsenceRate,
      'overallAbsenceSessions',
      'possibleSessions',
    ),
    authorisedAbsenceRate: rate(
      measures.authorisedAbsenceRate,
      'authorisedAbsenceSessions',
      'possibleSessions',
    ),
    unauthorisedAbsenceRate: rate(
      measures.unauthorisedAbsenceRate,
      'unauthorisedAbsenceSessions',
      'possibleSessions',
    ),
    lateRate: rate(measures.lateRate, 'lateSessions', 'possibleSessions'),
    enrolments: persistence ? count('enrolments') : null,
    persistentlyAbsentEnrolments: persistence ? count('persistentlyAbsentEnrolments') : null,
    severelyAbsentEnrolments: persistence ? count('severelyAbsentEnrolments') : null,
    persistentAbsenceRate: persistence
      ? rate(
          percentageOf(persistence.persistentlyAbsent, persistence.enrolments),
          'persistentlyAbsentEnrolments',
          'enrolments',
        )
      : null,
    severeAbsenceRate: persistence
      ? rate(
          percentageOf(persistence.severelyAbsent, persistence.enrolments),
          'severelyAbsentEnrolments',
          'enrolments',
        )
      : null,
    reasons,
    suppressedFields: published.sort(),
    suppression: published.length > 0 ? SUPPRESSION_MARKER : null,
  });
}
