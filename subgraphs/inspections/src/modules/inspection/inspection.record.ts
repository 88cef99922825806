import { isGrade, type SubJudgement } from '../../domain/grades';
import {
  type CategoryOfConcern,
  type EifJudgementArea,
  type GradedInspection,
  type Inspection,
  type ReportCardInspection,
  type SafeguardingEffectiveness,
  EIF_JUDGEMENT_AREAS,
  inspectionDate,
} from '../../domain/inspection';
import {
  type ReportCardArea,
  type ReportCardGrade,
  type ReportCardSafeguarding,
  REPORT_CARD_AREAS,
} from '../../domain/report-card';

/** The columns of `inspections.inspection` as raw SQL returns them, dates cast to text. */
export interface InspectionRow {
  id: number;
  urn: number;
  kind: string;
  inspection_number: string | null;
  start_date: string | null;
  publication_date: string | null;
  inspection_date: string;
  overall_effectiveness: number | null;
  category_of_concern: string | null;
  safeguarding: string | null;
  judgements: Record<string, number | string>;
  outcome_text: string | null;
  number_of_pupils: number | null;
  source: string;
}

/** Every column, dates as ISO text, so that no driver's date parsing shifts a day. */
export const INSPECTION_COLUMNS = `id, urn, kind, inspection_number, start_date::text as start_date,
  publication_date::text as publication_date, inspection_date::text as inspection_date,
  overall_effectiveness, category_of_concern, safeguarding, judgements, outcome_text,
  number_of_pupils, source`;

/** An inspection as the domain models it, with what the store adds: pupils on roll at the time. */
export interface StoredInspection {
  inspection: Inspection;
  numberOfPupils: number | null;
}

/** The sub-judgement codes Ofsted publishes for values that are not grades (domain.md §4.1). */
const NON_GRADE_BY_CODE: Record<number, SubJudgement> = {
  0: 'insufficientEvidence',
  8: 'doesNotApply',
  9: 'notJudged',
};
const CODE_BY_NON_GRADE: Record<string, number> = {
  insufficientEvidence: 0,
  doesNotApply: 8,
  notJudged: 9,
};

export function subJudgementCode(judgement: SubJudgement): number {
  return typeof judgement === 'number' ? judgement : CODE_BY_NON_GRADE[judgement]!;
}

function subJudgementFromCode(code: number): SubJudgement | null {
  if (isGrade(code)) return code;
  return NON_GRADE_BY_CODE[code] ?? null;
}

// Object.assign onto the shared facts rather than `{ ...facts, kind }`: Node 20's V8 builds an
// object spread followed by more properties on a slow path, which made this per-row mapping the
// subgraph's costliest function under a trust's history (25 times the cost of plain properties).
function factsOf(row: InspectionRow) {
  return {
    urn: row.urn,
    inspectionNumber: row.inspection_number,
    startDate: row.start_date,
    publicationDate: row.publication_date,
    categoryOfConcern: row.category_of_concern as CategoryOfConcern | null,
  };
}

export function toDomain(row: InspectionRow): StoredInspection {
  if (row.kind === 'reportCard') {
    const evaluations: Partial<Record<ReportCardArea, ReportCardGrade>> = {};
    for (const area of REPORT_CARD_AREAS) {
      const grade = row.judgements[area];
      if (typeof grade === 'string') evaluations[area] = grade as ReportCardGrade;
    }
    const inspection: ReportCardInspection = Object.assign(factsOf(row), {
      kind: 'reportCard' as const,
      evaluations,
      safeguarding: row.safeguarding as ReportCardSafeguarding | null,
    });
    return { inspection, numberOfPupils: row.number_of_pupils };
  }
  const subJudgements: Partial<Record<EifJudgementArea, SubJudgement>> = {};
  for (const area of EIF_JUDGEMENT_AREAS) {
    const code = row.judgements[area];
    const judgement = typeof code === 'number' ? subJudgementFromCode(code) : null;
    if (judgement !== null) subJudgements[area] = judgement;
  }
  const overall = row.overall_effectiveness;
  const inspection: GradedInspection = Object.assign(factsOf(row), {
    kind: row.kind as GradedInspection['kind'],
    overallEffectiveness: isGrade(overall) ? overall : null,
    subJudgements,
    safeguarding: row.safeguarding as SafeguardingEffectiveness | null,
    outcomeText: row.outcome_text,
  });
  return { inspection, numberOfPupils: row.number_of_pupils };
}

/** The values to write for an inspection, keyed by column; the inverse of `toDomain`. */
export interface InspectionValues {
  urn: number;
  kind: string;
  inspection_number: string | null;
  start_date: string | null;
  publication_date: string | null;
  inspection_date: string;
  overall_effectiveness: number | null;
  category_of_concern: string | null;
  safeguarding: string | null;
  judgements: Record<string, number | string>;
  outcome_text: string | null;
  number_of_pupils: number | null;
}

export function toValues(stored: StoredInspection): InspectionValues {
  const { inspection } = stored;
  const judgements: Record<string, number | string> = {};
  if (inspection.kind === 'reportCard') {
    for (const [area, grade] of Object.entries(inspection.evaluations)) judgements[area] = grade;
  } else {
    for (const [area, judgement] of Object.entries(inspection.subJudgements)) {
      judgements[area] = subJudgementCode(judgement);
    }
  }
  return {
    urn: inspection.urn,
    kind: inspection.kind,
    inspection_number: inspection.inspectionNumber,
    start_date: inspection.startDate,
    publication_date: inspection.publicationDate,
    inspection_date: inspectionDate(inspection),
    overall_effectiveness:
      inspection.kind === 'reportCard' ? null : inspection.overallEffectiveness,
    category_of_concern: inspection.categoryOfConcern,
    safeguarding: inspection.safeguarding,
    judgements,
    outcome_text: inspection.kind === 'reportCard' ? null : inspection.outcomeText,
    number_of_pupils: stored.numberOfPupils,
  };
}
