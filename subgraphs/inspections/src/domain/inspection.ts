import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { badUserInput } from '@estate/subgraph-kit/src/errors';
import { type Grade, type SubJudgement, gradeLabel, headlineGradeAllowedOn } from './grades';
import {
  REPORT_CARDS_START_DATE,
  type ReportCardArea,
  type ReportCardGrade,
  type ReportCardSafeguarding,
} from './report-card';

/**
 * Ofsted's names since July 2022: section 5 → graded, section 8 of good and outstanding schools →
 * ungraded, no-formal-designation and unannounced behaviour visits → urgent (domain.md §4.2).
 */
export type FourPointInspectionKind = 'graded' | 'ungraded' | 'urgent';
export type InspectionKind = FourPointInspectionKind | 'reportCard';

/**
 * `seriousWeaknesses` is the category Ofsted renamed "requires significant improvement"; one value
 * keeps a school's history comparable across the rename. `noticeToImprove` is the pre-2012 category.
 */
export type CategoryOfConcern = 'specialMeasures' | 'seriousWeaknesses' | 'noticeToImprove';

/** "Safeguarding is effective?" in the MI: Yes, No, or 9 (not recorded). */
export type SafeguardingEffectiveness = 'effective' | 'notEffective' | 'notRecorded';

/** EIF 2019 sub-judgements; early years and sixth form only where the school has them. */
export const EIF_JUDGEMENT_AREAS = [
  'qualityOfEducation',
  'behaviourAndAttitudes',
  'personalDevelopment',
  'leadershipAndManagement',
  'earlyYearsProvision',
  'sixthFormProvision',
] as const;
export type EifJudgementArea = (typeof EIF_JUDGEMENT_AREAS)[number];

interface InspectionFacts {
  /** The URN the inspection was made under, which may be a predecessor of today's school. */
  urn: number;
  /** Ofsted's inspection number, when the source gives it; the natural key for idempotent loads. */
  inspectionNumber: string | null;
  /** Null only where the source publishes no start date (e.g. the 2020 MI extract). */
  startDate: IsoDate | null;
  publicationDate: IsoDate | null;
  categoryOfConcern: CategoryOfConcern | null;
}

/**
 * An inspection reported on the four-point scale, whether or not this visit gave grades: domain.md
 * §4.2 names it `GradedInspection` to set it against report cards, so an ungraded or urgent visit is
 * a `GradedInspection` whose `kind` says what it was.
 */
export interface GradedInspection extends InspectionFacts {
  kind: FourPointInspectionKind;
  /** Null when the visit gave no headline grade, and always on or after 2 September 2024. */
  overallEffectiveness: Grade | null;
  subJudgements: Partial<Record<EifJudgementArea, SubJudgement>>;
  safeguarding: SafeguardingEffectiveness | null;
  /** Ofsted's wording for an ungraded visit, e.g. "School remains Good". */
  outcomeText: string | null;
}

export interface ReportCardInspection extends InspectionFacts {
  kind: 'reportCard';
  evaluations: Partial<Record<ReportCardArea, ReportCardGrade>>;
  safeguarding: ReportCardSafeguarding | null;
}

export type Inspection = GradedInspection | ReportCardInspection;

/**
 * The date an inspection is dated by: its start, or its publication where the source has no start
 * date. Publication follows the visit by weeks, so this only errs late.
 */
export function inspectionDate(inspection: InspectionFacts): IsoDate {
  const date = inspection.startDate ?? inspection.publicationDate;
  if (date === null) throw badUserInput(`inspection under URN ${inspection.urn} has no date`);
  return date;
}

type GradedInspectionInput = Omit<
  GradedInspection,
  'inspectionNumber' | 'subJudgements' | 'safeguarding' | 'outcomeText' | 'categoryOfConcern'
> &
  Partial<GradedInspection>;

/** Builds a four-point-scale inspection, refusing a headline grade Ofsted could not have given. */
export function gradedInspection(input: GradedInspectionInput): GradedInspection {
  const inspection: GradedInspection = {
    inspectionNumber: null,
    subJudgements: {},
    safeguarding: null,
    outcomeText: null,
    categoryOfConcern: null,
    ...input,
  };
  const date = inspectionDate(inspection);
  if (inspection.overallEffectiveness !== null && !headlineGradeAllowedOn(date)) {
    throw badUserInput(
      `inspection under URN ${inspection.urn} on ${date} cannot have an overall effectiveness grade: single headline grades ended on 2 September 2024`,
    );
  }
  if (inspection.overallEffectiveness !== null && inspection.kind !== 'graded') {
    throw badUserInput(
      `an ${inspection.kind} inspection under URN ${inspection.urn} gives no overall effectiveness grade`,
    );
  }
  return inspection;
}

type ReportCardInput = Omit<
  ReportCardInspection,
  'kind' | 'inspectionNumber' | 'categoryOfConcern' | 'safeguarding'
> &
  Partial<ReportCardInspection>;

/** Builds a report card, refusing one dated before report cards existed. */
export function reportCardInspection(input: ReportCardInput): ReportCardInspection {
  const inspection: ReportCardInspection = {
    inspectionNumber: null,
    categoryOfConcern: null,
    safeguarding: null,
    ...input,
    kind: 'reportCard',
  };
  const date = inspectionDate(inspection);
  if (date < REPORT_CARDS_START_DATE) {
    throw badUserInput(
      `report card under URN ${inspection.urn} is dated ${date}, before report cards began on 10 November 2025`,
    );
  }
  return inspection;
}

export function isReportCard(inspection: Inspection): inspection is ReportCardInspection {
  return inspection.kind === 'reportCard';
}

/** Newest first by inspection date, then by publication date; a stable order for equal dates. */
export function compareNewestFirst(a: InspectionFacts, b: InspectionFacts): number {
  const byDate = inspectionDate(b).localeCompare(inspectionDate(a));
  if (byDate !== 0) return byDate;
  return (b.publicationDate ?? '').localeCompare(a.publicationDate ?? '');
}

export function newestFirst<T extends InspectionFacts>(inspections: readonly T[]): T[] {
  return [...inspections].sort(compareNewestFirst);
}

/**
 * What was public on a date: an inspection counts from its publication, because a judgement is
 * not official until the report is out. Without a publication date, its start date stands in.
 */
export function knownOn<T extends InspectionFacts>(inspections: readonly T[], date: IsoDate): T[] {
  return inspections.filter(
    (inspection) => (inspection.publicationDate ?? inspectionDate(inspection)) <= date,
  );
}

export function latestInspection<T extends Inspection>(inspections: readonly T[]): T | null {
  return newestFirst(inspections)[0] ?? null;
}

/** The latest full inspection: a section 5 graded inspection or a report card. */
export function latestFullInspection(
  inspections: readonly Inspection[],
): GradedInspection | ReportCardInspection | null {
  return (
    newestFirst(inspections).find((i) => i.kind === 'graded' || i.kind === 'reportCard') ?? null
  );
}

/** The latest section 5 graded inspection, with or without a headline grade. */
export function latestGradedInspection(
  inspections: readonly Inspection[],
): GradedInspection | null {
  return newestFirst(inspections).find((i): i is GradedInspection => i.kind === 'graded') ?? null;
}

/** Graded inspections that carry a headline grade, newest first. */
export function headlineGradedInspections(
  inspections: readonly Inspection[],
): (GradedInspection & { overallEffectiveness: Grade })[] {
  return newestFirst(inspections).filter(
    (i): i is GradedInspection & { overallEffectiveness: Grade } =>
      i.kind === 'graded' && i.overallEffectiveness !== null,
  );
}

/**
 * The headline grade in words, or "Not available" when there is none: from 2 September 2024 FIAT
 * shows that rather than deriving a grade from sub-judgements (domain.md §6.11).
 */
export function overallEffectivenessWording(inspection: GradedInspection): string {
  if (inspection.overallEffectiveness === null) return 'Not available';
  return gradeLabel(inspection.overallEffectiveness, inspectionDate(inspection));
}
