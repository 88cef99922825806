import {
  type AcademicYear,
  type EntityManager,
  groupBy,
  type IsoDate,
  type Viewer,
} from '@estate/subgraph-kit';
import {
  DEFAULT_MINIMUM_COUNT,
  DEFAULT_MINIMUM_SCHOOLS,
  SUPPRESSION_MARKER,
} from '@estate/subgraph-kit/src/suppression';
import DataLoader from 'dataloader';
import {
  assertCanReadSchoolStaff,
  type SchoolScope,
  seesExactTotals,
  type TrustSpan,
} from '../../authorization';
import { currentEmployment } from '../../domain/employment';
import type { Trn, Urn } from '../../domain/identifiers';
import {
  assessmentDateFor,
  premiumEligibility,
  type PremiumEligibility as Decision,
} from '../../domain/premium-eligibility';
import type { PremiumPolicyYears } from '../../domain/premium-policy';
import type { Teacher as TeacherRecord } from '../../domain/teacher';
import type { PremiumAwardService } from '../premium-award/premium-award.service';
import { staffTrnsOn } from '../teacher/teacher.loader';
import type {
  PremiumEligibility,
  PremiumEligibleTeacher,
  PremiumTotals,
} from './premium-eligibility.type';

interface StaffKey {
  year: AcademicYear;
  urn: Urn;
}

/**
 * Eligibility for teachers and for whole schools' staff. A school's staff for a year is loaded for
 * every school in the request at once: one statement finds the staff, one loads their records and
 * one the awards, whether the request names one school or a whole LA.
 */
export class PremiumEligibilityService {
  private readonly eligibleStaff: DataLoader<StaffKey, PremiumEligibleTeacher[], string>;

  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer,
    private readonly policyYears: PremiumPolicyYears,
    private readonly today: () => IsoDate,
    private readonly teachers: DataLoader<Trn, TeacherRecord | null>,
    private readonly awards: PremiumAwardService,
  ) {
    this.eligibleStaff = new DataLoader((keys) => this.loadEligibleStaff(keys), {
      cacheKeyFn: (key) => `${key.year.startYear}:${key.urn}`,
    });
  }

  /** Today while the year runs, its last day once over, its first day before it starts. */
  assessmentDate(year: AcademicYear): IsoDate {
    return assessmentDateFor(year, this.today());
  }

  /** A teacher the caller may already see; `urn` names the school claimed for, else their current one. */
  async forTeacher(
    record: TeacherRecord,
    year: AcademicYear,
    urn?: Urn | null,
  ): Promise<PremiumEligibility> {
    const asOf = this.assessmentDate(year);
    const school = urn ?? currentEmployment(record.employment, asOf)?.urn;
    const awards = await this.awards.schoolAwards(year, school === undefined ? [] : [school]);
    const decision = premiumEligibility(record, year, {
      policyYears: this.policyYears,
      awards,
      asOf,
      ...(urn ? { urn } : {}),
    });
    return { ...decision, academicYear: year, assessedOn: asOf };
  }

  /** The school's eligible staff, for viewers who may see its teachers. */
  async forSchool(school: SchoolScope, year: AcademicYear): Promise<PremiumEligibleTeacher[]> {
    assertCanReadSchoolStaff(this.viewer, school, year);
    return this.eligibleStaff.load({ year, urn: school.urn });
  }

  /** Totals over a trust's schools on the assessment date. */
  async forTrust(
    groupUid: string,
    spans: readonly (TrustSpan & { urn: Urn })[],
    year: AcademicYear,
  ) {
    const asOf = this.assessmentDate(year);
    const urns = spans
      .filter((span) => span.joinedOn <= asOf && (span.leftOn === null || span.leftOn > asOf))
      .map((span) => span.urn);
    return this.totals(urns, year, seesExactTotals(this.viewer, { groupUid }));
  }

  /** Totals over every school in an LA's area. */
  async forLocalAuthority(laCode: string, urns: readonly Urn[], year: AcademicYear) {
    return this.totals(urns, year, seesExactTotals(this.viewer, { laCode }));
  }

  private async totals(
    urns: readonly Urn[],
    year: AcademicYear,
    exact: boolean,
  ): Promise<PremiumTotals> {
    const unique = [...new Set(urns)];
    const staff = await this.eligibleStaff.loadMany(unique.map((urn) => ({ year, urn })));
    // A teacher eligible at two schools is one teacher, who can make one claim: the higher award.
    const awardByTrn = new Map<Trn, number>();
    let schools = 0;
    for (const result of staff) {
      if (result instanceof Error) throw result;
      if (result.length > 0) schools += 1;
      for (const teacher of result) {
        awardByTrn.set(
          teacher.trn,
          Math.max(awardByTrn.get(teacher.trn) ?? 0, teacher.awardAmountPounds),
        );
      }
    }
    const count = awardByTrn.size;
    const total = [...awardByTrn.values()].reduce((sum, amount) => sum + amount, 0);
    const withheld =
      !exact &&
      ((count >= 1 && count < DEFAULT_MINIMUM_COUNT) ||
        (schools >= 1 && schools < DEFAULT_MINIMUM_SCHOOLS));
    return {
      academicYear: year,
      assessedOn: this.assessmentDate(year),
      eligibleTeachers: withheld ? null : count,
      totalAwardPounds: withheld ? null : total,
      schoolsWithEligibleTeachers: schools,
      marker: withheld ? SUPPRESSION_MARKER : null,
    };
  }

  private async loadEligibleStaff(keys: readonly StaffKey[]): Promise<PremiumEligibleTeacher[][]> {
    const results = new Map<string, PremiumEligibleTeacher[]>();
    const byYear = groupBy(keys, (key) => key.year.startYear);
    await Promise.all(
      [...byYear.values()].map(async (group) => {
        const year = group[0]!.year;
        const asOf = this.assessmentDate(year);
        const urns = [...new Set(group.map((key) => key.urn))];
        const [staff, awards] = await Promise.all([
          staffTrnsOn(this.em, urns, asOf),
          this.awards.schoolAwards(year, urns),
        ]);
        const records = await this.teachers.loadMany([...new Set(staff.map((row) => row.trn))]);
        const byTrn = new Map<Trn, TeacherRecord>();
        for (const record of records) {
          if (record instanceof Error) throw record;
          if (record) byTrn.set(record.trn, record);
        }
        for (const urn of urns) results.set(`${year.startYear}:${urn}`, []);
        for (const { urn, trn } of staff) {
          const record = byTrn.get(trn);
          if (!record) continue;
          const decision: Decision = premiumEligibility(record, year, {
            policyYears: this.policyYears,
            awards,
            asOf,
            urn,
          });
          if (decision.eligible && decision.subject && decision.awardAmountPounds !== null) {
            results.get(`${year.startYear}:${urn}`)!.push({
              trn,
              name: record.name,
              subject: decision.subject,
              awardAmountPounds: decision.awardAmountPounds,
            });
          }
        }
      }),
    );
    return keys.map((key) => results.get(`${key.year.startYear}:${key.urn}`) ?? []);
  }
}
