import {
  AcademicYear,
  type EntityManager,
  groupBy,
  type IsoDate,
  todayIso,
  type Viewer,
} from '@estate/subgraph-kit';
import { SUPPRESSION_MARKER, suppressList } from '@estate/subgraph-kit/src/suppression';
import DataLoader from 'dataloader';
import {
  assertMayReadPupilsOf,
  assertMayReadPupilsOfGroup,
  type GroupScope,
  maySeeUnsuppressed,
} from '../../authorization';
import {
  type AbsenceRisk,
  type AbsenceRiskAssessment,
  assessAbsenceRisk,
  remainingSessionsToStatutoryMinimum,
} from '../../domain/early-warning';
import type { RegisterMark } from '../../domain/session-counts';
import { asJson, runSql } from '../../sql';
import type { CountedSpan } from '../measures/measures.service';
import { type SchoolLine, withheldGroupTotals } from './disclosure';
import {
  type AbsenceRiskCounts,
  AbsenceRiskGroupReport,
  AbsenceRiskPupil,
  AbsenceRiskReport,
} from './early-warning.type';
import { MET_DATES_OF_K } from '../school/met-dates';

interface RiskKey {
  urn: number;
  asOf: IsoDate;
}

interface SchoolRisk {
  remainingPossibleSessions: number;
  assessments: { enrolmentId: string; assessment: AbsenceRiskAssessment }[];
}

/** A report's counts: the risks, then the pupils assessed that they add up to. */
const COUNTED = [
  'alreadyPersistentlyAbsent',
  'onCourse',
  'watch',
  'notAtRisk',
  'pupilsAssessed',
] as const;
type Counted = (typeof COUNTED)[number];

const NO_RISKS: Record<AbsenceRisk, number> = {
  alreadyPersistentlyAbsent: 0,
  onCourse: 0,
  watch: 0,
  notAtRisk: 0,
};

interface SchoolFigures {
  urn: number;
  asOf: IsoDate;
  remainingPossibleSessions: number;
  tally: Record<Counted, number>;
  /** Most at risk first. */
  onCoursePupils: AbsenceRiskPupil[];
}

/** The counts in COUNTED order as published: a withheld one is null and named. */
function publishedCounts(
  counts: readonly number[],
  withheld: readonly boolean[],
): Omit<AbsenceRiskCounts, 'onCoursePupils'> {
  const count = (name: Counted) => {
    const i = COUNTED.indexOf(name);
    return withheld[i] ? null : counts[i]!;
  };
  const suppressedFields = COUNTED.filter((_, i) => withheld[i]).sort();
  return {
    pupilsAssessed: count('pupilsAssessed'),
    alreadyPersistentlyAbsent: count('alreadyPersistentlyAbsent'),
    onCourse: count('onCourse'),
    watch: count('watch'),
    notAtRisk: count('notAtRisk'),
    suppressedFields,
    suppression: suppressedFields.length > 0 ? SUPPRESSION_MARKER : null,
  };
}

/** Highest 4-week projection first. */
function byProjection(pupils: AbsenceRiskPupil[]): AbsenceRiskPupil[] {
  const projection = (pupil: AbsenceRiskPupil) =>
    pupil.lastFourSchoolWeeks.projectedYearEndAbsenceRate ?? 0;
  return [...pupils].sort((a, b) => projection(b) - projection(a));
}

const KEYS = `k as (select * from json_to_recordset(?::json) as x(k int, urn int, from_d date, to_d date))`;

const SQL = {
  /** The dates each school met: any session recorded, INSET and unplanned closure aside. */
  sessionDates: `with ${KEYS}
    select k.k, to_char(met.date, 'YYYY-MM-DD') as date from k ${MET_DATES_OF_K}`,
  /**
   * Headline-scope sessions by code per pupil on roll and per week. The domain only asks which
   * school week a mark falls in, so each week's sessions carry one date in that week (its Monday,
   * or the first day of the year when the year starts mid-week).
   */
  weeklyCodes: `with ${KEYS}
    select k.k, m.enrolment_id,
      to_char(greatest(date_trunc('week', m.date)::date, k.from_d), 'YYYY-MM-DD') as date,
      m.code, count(*)::int as n
    from k join attendance.enrolment e on e.urn = k.urn and e.admitted_on <= k.to_d
      and (e.left_on is null or e.left_on >= k.to_d)
    join attendance.mark m on m.urn = k.urn and m.enrolment_id = e.id
      and m.date between k.from_d and k.to_d and m.headline
    group by 1, 2, 3, 4`,
};

/**
 * Early warning (issue 5): the domain's `assessAbsenceRisk` for every pupil on roll, from two
 * statements for every school, trust and LA asked about in a request, however many schools and
 * pupils.
 */
export class EarlyWarningService {
  private readonly loader: DataLoader<RiskKey, SchoolRisk, string>;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
  ) {
    this.loader = new DataLoader((keys) => this.load(keys), {
      cacheKeyFn: (key) => `${key.urn}|${key.asOf}`,
    });
  }

  async report(urn: number, asOf: IsoDate = todayIso()): Promise<AbsenceRiskReport> {
    const school = await this.figures(urn, asOf);
    return this.publishSchool(school, this.lineOf(school));
  }

  /**
   * A trust's or LA's schools on the date asked (a trust's from the day it ran them until the day
   * it stopped), each with its own report, and their totals. Every pupil's figures are those of
   * School.absenceRisk, since a pupil's year to date does not depend on who runs the school.
   */
  async groupReport(
    scope: GroupScope,
    spans: readonly CountedSpan[],
    asOf: IsoDate = todayIso(),
  ): Promise<AbsenceRiskGroupReport> {
    const urns = [
      ...new Set(
        spans
          .filter(
            (span) => (span.from ?? asOf) <= asOf && (span.until === null || asOf < span.until),
          )
          .map((span) => span.urn),
      ),
    ].sort((a, b) => a - b);
    const figures = await Promise.all(urns.map((urn) => this.figures(urn, asOf)));
    const lines = figures.map((school) => this.lineOf(school));
    const totals = COUNTED.map((_, j) => lines.reduce((sum, line) => sum + line.counts[j]!, 0));
    const withheld = maySeeUnsuppressed(this.viewer, scope, asOf)
      ? COUNTED.map(() => false)
      : withheldGroupTotals(lines);
    return Object.assign(new AbsenceRiskGroupReport(), {
      scope,
      asOf,
      schools: urns.length,
      bySchool: figures.map((school, i) => this.publishSchool(school, lines[i]!)),
      ...publishedCounts(totals, withheld),
      onCoursePupils: byProjection(figures.flatMap((school) => school.onCoursePupils)),
    });
  }

  /** The list is pupil-level: the school, its trust that day, its LA, DfE. */
  pupils(report: AbsenceRiskReport): AbsenceRiskPupil[] {
    assertMayReadPupilsOf(this.viewer, report.urn, report.asOf);
    return report.onCoursePupils;
  }

  /** The group's list: that trust or LA, or DfE, and only for schools the viewer itself may see. */
  groupPupils(report: AbsenceRiskGroupReport): AbsenceRiskPupil[] {
    assertMayReadPupilsOfGroup(
      this.viewer,
      report.scope,
      report.bySchool.map((school) => school.urn),
      report.asOf,
    );
    return report.onCoursePupils;
  }

  private async figures(urn: number, asOf: IsoDate): Promise<SchoolFigures> {
    const { remainingPossibleSessions, assessments } = await this.loader.load({ urn, asOf });
    const assessed = assessments.filter((a) => a.assessment.yearToDate.possibleSessions > 0);
    const tally = { pupilsAssessed: assessed.length, ...NO_RISKS };
    for (const { assessment } of assessed) tally[assessment.risk] += 1;
    const onCoursePupils = assessed
      .filter((a) => a.assessment.risk === 'onCourse')
      .map((a) => AbsenceRiskPupil.from(a.enrolmentId, urn, asOf, a.assessment));
    return {
      urn,
      asOf,
      remainingPossibleSessions,
      tally,
      onCoursePupils: byProjection(onCoursePupils),
    };
  }

  /** The school's counts, suppressed as a one-way table unless the viewer may see its pupils. */
  private lineOf(school: SchoolFigures): SchoolLine {
    const counts = COUNTED.map((name) => school.tally[name]);
    if (maySeeUnsuppressed(this.viewer, { kind: 'school', urn: school.urn }, school.asOf)) {
      return { counts, withheld: counts.map(() => false) };
    }
    const published = suppressList(
      counts.slice(0, -1).map((count) => ({ count })),
      { count: counts.at(-1)! },
    );
    return {
      counts,
      withheld: [...published.cells, published.total].map((cell) => cell.marker !== null),
    };
  }

  private publishSchool(school: SchoolFigures, line: SchoolLine): AbsenceRiskReport {
    return Object.assign(new AbsenceRiskReport(), {
      urn: school.urn,
      asOf: school.asOf,
      remainingPossibleSessions: school.remainingPossibleSessions,
      ...publishedCounts(line.counts, line.withheld),
      onCoursePupils: school.onCoursePupils,
    });
  }

  private async load(keys: readonly RiskKey[]): Promise<SchoolRisk[]> {
    const params = [
      asJson(
        keys.map((key, k) => ({
          k,
          urn: key.urn,
          from_d: AcademicYear.containing(key.asOf).firstDay,
          to_d: key.asOf,
        })),
      ),
    ];
    const [dates, codes] = await Promise.all([
      runSql<{ k: number; date: string }>(this.em, SQL.sessionDates, params),
      runSql<{ k: number; enrolment_id: string; date: string; code: string; n: number }>(
        this.em,
        SQL.weeklyCodes,
        params,
      ),
    ]);
    const datesByKey = groupBy(dates, (row) => row.k);
    const codesByKey = groupBy(codes, (row) => row.k);
    return keys.map((key, k) => {
      const schoolSessionDates = (datesByKey.get(k) ?? []).map((row) => row.date);
      const remainingPossibleSessions = remainingSessionsToStatutoryMinimum(
        schoolSessionDates.length * 2,
      );
      const byPupil = groupBy(codesByKey.get(k) ?? [], (row) => row.enrolment_id);
      const assessments = [...byPupil].map(([enrolmentId, rows]) => {
        const pupilMarks: RegisterMark[] = rows.flatMap((row) =>
          Array.from({ length: row.n }, () => ({
            date: row.date,
            session: 'AM' as const,
            code: row.code,
          })),
        );
        return {
          enrolmentId,
          assessment: assessAbsenceRisk({
            pupilMarks,
            schoolSessionDates,
            asOf: key.asOf,
            remainingPossibleSessions,
          }),
        };
      });
      return { remainingPossibleSessions, assessments };
    });
  }
}
