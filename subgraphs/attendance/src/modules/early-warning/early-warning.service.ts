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
import { assertMayReadPupilsOf, maySeeUnsuppressed } from '../../authorization';
import {
  type AbsenceRiskAssessment,
  assessAbsenceRisk,
  remainingSessionsToStatutoryMinimum,
} from '../../domain/early-warning';
import type { RegisterMark } from '../../domain/session-counts';
import { asJson, runSql } from '../../sql';
import { AbsenceRiskPupil, AbsenceRiskReport } from './early-warning.type';

interface RiskKey {
  urn: number;
  asOf: IsoDate;
}

interface SchoolRisk {
  remainingPossibleSessions: number;
  assessments: { enrolmentId: string; assessment: AbsenceRiskAssessment }[];
}

const KEYS = `k as (select * from json_to_recordset(?::json) as x(k int, urn int, from_d date, to_d date))`;

const SQL = {
  /** The dates each school met: any session recorded, INSET and unplanned closure aside. */
  sessionDates: `with ${KEYS}
    select k.k, to_char(r.date, 'YYYY-MM-DD') as date
    from k join attendance.daily_rollup r on r.urn = k.urn and r.date between k.from_d and k.to_d
    where r.dimension = 'all' and r.sessions > 0 and r.code not in ('#', 'Y4')
    group by k.k, r.date`,
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
 * statements for every school asked about in a request, however many pupils.
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
    const { remainingPossibleSessions, assessments } = await this.loader.load({ urn, asOf });
    const tally = { alreadyPersistentlyAbsent: 0, onCourse: 0, watch: 0, notAtRisk: 0 };
    const assessed = assessments.filter((a) => a.assessment.yearToDate.possibleSessions > 0);
    for (const { assessment } of assessed) tally[assessment.risk] += 1;
    const names = Object.keys(tally) as (keyof typeof tally)[];
    const suppress = !maySeeUnsuppressed(this.viewer, { kind: 'school', urn }, asOf);
    const published = suppress
      ? suppressList(
          names.map((name) => ({ count: tally[name] })),
          { count: assessed.length },
        )
      : null;
    const withheld = published
      ? [
          ...names.filter((_, i) => published.cells[i]!.marker !== null),
          ...(published.total.marker !== null ? ['pupilsAssessed'] : []),
        ].sort()
      : [];
    const countOf = (name: string, value: number) => (withheld.includes(name) ? null : value);
    const onCoursePupils = assessed
      .filter((a) => a.assessment.risk === 'onCourse')
      .sort(
        (a, b) =>
          (b.assessment.lastFourSchoolWeeks.projectedYearEndAbsenceRate ?? 0) -
          (a.assessment.lastFourSchoolWeeks.projectedYearEndAbsenceRate ?? 0),
      )
      .map((a) => AbsenceRiskPupil.from(a.enrolmentId, asOf, a.assessment));
    return Object.assign(new AbsenceRiskReport(), {
      urn,
      asOf,
      remainingPossibleSessions,
      pupilsAssessed: countOf('pupilsAssessed', assessed.length),
      alreadyPersistentlyAbsent: countOf(
        'alreadyPersistentlyAbsent',
        tally.alreadyPersistentlyAbsent,
      ),
      onCourse: countOf('onCourse', tally.onCourse),
      watch: countOf('watch', tally.watch),
      notAtRisk: countOf('notAtRisk', tally.notAtRisk),
      suppressedFields: withheld,
      suppression: withheld.length > 0 ? SUPPRESSION_MARKER : null,
      onCoursePupils,
    });
  }

  /** The list is pupil-level: the school, its trust that day, its LA, DfE. */
  pupils(report: AbsenceRiskReport): AbsenceRiskPupil[] {
    assertMayReadPupilsOf(this.viewer, report.urn, report.asOf);
    return report.onCoursePupils;
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
