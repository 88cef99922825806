import { type IsoDate, addDays } from '@estate/subgraph-kit/src/dates';
import type { Grade } from '../src/domain/grades';
import {
  type CategoryOfConcern,
  type GradedInspection,
  type ReportCardInspection,
  gradedInspection,
  reportCardInspection,
} from '../src/domain/inspection';
import type { ReportCardArea, ReportCardGrade } from '../src/domain/report-card';

export const SCHOOL_URN = 140001;
export const PREDECESSOR_URN = 120001;
/** Reports here are published three weeks after the visit starts. */
export const PUBLICATION_LAG_DAYS = 21;

/** A section 5 inspection. */
export function graded(
  startDate: IsoDate,
  overallEffectiveness: Grade | null,
  overrides: Partial<GradedInspection> = {},
): GradedInspection {
  return gradedInspection({
    kind: 'graded',
    urn: SCHOOL_URN,
    startDate,
    publicationDate: addDays(startDate, PUBLICATION_LAG_DAYS),
    overallEffectiveness,
    ...overrides,
  });
}

export function inCategory(
  startDate: IsoDate,
  categoryOfConcern: CategoryOfConcern,
  overrides: Partial<GradedInspection> = {},
): GradedInspection {
  const headline = startDate < '2024-09-02' ? 4 : null;
  return graded(startDate, headline, { categoryOfConcern, ...overrides });
}

export function ungraded(
  startDate: IsoDate,
  overrides: Partial<GradedInspection> = {},
): GradedInspection {
  return gradedInspection({
    kind: 'ungraded',
    urn: SCHOOL_URN,
    startDate,
    publicationDate: addDays(startDate, PUBLICATION_LAG_DAYS),
    overallEffectiveness: null,
    outcomeText: 'School remains Good',
    ...overrides,
  });
}

export function reportCard(
  startDate: IsoDate,
  evaluations: Partial<Record<ReportCardArea, ReportCardGrade>>,
  overrides: Partial<ReportCardInspection> = {},
): ReportCardInspection {
  return reportCardInspection({
    urn: SCHOOL_URN,
    startDate,
    publicationDate: addDays(startDate, PUBLICATION_LAG_DAYS),
    evaluations,
    safeguarding: 'met',
    ...overrides,
  });
}
