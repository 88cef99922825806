import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { type SubJudgement, headlineGradeAllowedOn } from '../domain/grades';
import {
  type EifJudgementArea,
  type GradedInspection,
  EIF_JUDGEMENT_AREAS,
  gradedInspection,
} from '../domain/inspection';
import {
  type ColumnAliases,
  type CsvRow,
  type ImportWarning,
  type ParseResult,
  type Rejection,
  readCsvTable,
} from './csv-table';
import {
  type Parsed,
  isBlank,
  parseCategoryOfConcern,
  parseLaestab,
  parseOfstedDate,
  parseOverallEffectiveness,
  parseSafeguarding,
  parseSubJudgement,
  parseUrn,
  parseYesNo,
} from './ofsted-values';

/**
 * Header names of Ofsted's "state-funded schools inspections and outcomes" management information,
 * as they have changed: "full"/"section 8" until 2022, "graded"/"ungraded" after. Matching ignores
 * case, spaces and punctuation (see `normaliseHeader`), which also covers R-mangled headers such as
 * "Previousfullinspectionoveralleffectiveness".
 */
const MI_COLUMNS = {
  urn: ['URN'],
  laestab: ['LAESTAB'],
  schoolName: ['School name'],

  latestNumber: [
    'Inspection number of latest graded inspection',
    'Inspection number of latest full inspection',
  ],
  latestUrn: [
    'URN at time of latest graded inspection',
    'URN at time of latest full inspection',
    'URN at Current full inspection',
  ],
  latestStart: ['Inspection start date'],
  latestPublication: ['Publication date'],
  latestOverall: ['Overall effectiveness'],
  latestCategory: ['Category of concern'],
  latestQualityOfEducation: ['Quality of education'],
  latestBehaviourAndAttitudes: ['Behaviour and attitudes'],
  latestPersonalDevelopment: ['Personal development'],
  latestLeadershipAndManagement: ['Effectiveness of leadership and management'],
  latestEarlyYearsProvision: ['Early years provision (where applicable)'],
  latestSixthFormProvision: ['Sixth form provision (where applicable)'],
  latestSafeguarding: ['Safeguarding is effective?', 'Is safeguarding effective?'],

  previousNumber: ['Previous graded inspection number', 'Previous full inspection number'],
  previousUrn: [
    'URN at time of previous graded inspection',
    'URN at time of previous full inspection',
    'URN at Previous full inspection',
  ],
  previousStart: ['Previous inspection start date'],
  previousPublication: ['Previous publication date'],
  previousOverall: [
    'Previous graded inspection overall effectiveness',
    'Previous full inspection overall effectiveness',
    'Previous overall effectiveness',
  ],
  previousCategory: ['Previous category of concern'],
  previousQualityOfEducation: ['Previous quality of education'],
  previousBehaviourAndAttitudes: ['Previous behaviour and attitudes'],
  previousPersonalDevelopment: ['Previous personal development'],
  previousLeadershipAndManagement: ['Previous effectiveness of leadership and management'],
  previousEarlyYearsProvision: ['Previous early years provision (where applicable)'],
  previousSixthFormProvision: ['Previous sixth form provision (where applicable)'],
  previousSafeguarding: [
    'Previous safeguarding is effective?',
    'Previous is safeguarding effective?',
  ],

  ungradedNumber: [
    'Latest ungraded inspection number since last graded inspection',
    'Latest section 8 inspection number since last full inspection',
  ],
  ungradedUrn: [
    'URN at time of the ungraded inspection',
    'URN at time of the section 8 inspection',
    'URN at Section 8 inspection',
  ],
  ungradedStart: [
    'Date of latest ungraded inspection',
    'Date of latest section 8 inspection',
    'Date of latest short inspection',
  ],
  ungradedPublication: [
    'Ungraded inspection publication date',
    'Section 8 inspection publication date',
    'Short inspection publication date',
  ],
  ungradedOutcome: [
    'Ungraded inspection overall outcome',
    'Section 8 inspection overall outcome',
    'Short inspection overall outcome',
  ],
  ungradedConverted: [
    'Did the latest ungraded inspection convert to a graded inspection?',
    'Did the latest section 8 inspection convert to a full inspection?',
    'Did the latest short inspection convert to a full inspection?',
  ],
} as const satisfies ColumnAliases<string>;

type MiField = keyof typeof MI_COLUMNS;
type Slot = 'latest' | 'previous';

const AREA_FIELD_SUFFIX: Record<EifJudgementArea, string> = {
  qualityOfEducation: 'QualityOfEducation',
  behaviourAndAttitudes: 'BehaviourAndAttitudes',
  personalDevelopment: 'PersonalDevelopment',
  leadershipAndManagement: 'LeadershipAndManagement',
  earlyYearsProvision: 'EarlyYearsProvision',
  sixthFormProvision: 'SixthFormProvision',
};

/** One MI row: a school as it is now, with the inspections the row reports. */
export interface OfstedMiRecord {
  line: number;
  schoolUrn: number;
  laestab: number | null;
  schoolName: string | null;
  /** Latest graded, previous graded and latest ungraded, where the row has them, newest first. */
  inspections: GradedInspection[];
}

/**
 * Parses an Ofsted management-information CSV into each school's inspections. A row is rejected as a
 * whole, with every problem listed, when any cell it needs cannot be read; a headline grade dated on
 * or after 2 September 2024 is dropped with a warning, as FIAT treats it as a data error.
 */
export function parseOfstedManagementInformation(bytes: Uint8Array): ParseResult<OfstedMiRecord> {
  const table = readCsvTable<MiField>(
    bytes,
    MI_COLUMNS,
    ['urn', 'latestOverall'],
    'Ofsted management information',
  );
  const records: OfstedMiRecord[] = [];
  const rejections: Rejection[] = [];
  const warnings: ImportWarning[] = [];
  const notes: string[] = [];
  if (!table.presentFields.has('latestStart')) {
    notes.push(
      'no "Inspection start date" column: inspections are dated by their publication date',
    );
  }
  if (!table.presentFields.has('latestUrn')) {
    notes.push(
      "no \"URN at time of …\" columns: inspections are attributed to the school's current URN, though an academy's earlier inspection may have been made under its predecessor's",
    );
  }

  for (const row of table.rows) {
    const reader = new MiRowReader(row);
    const schoolUrn = reader.read('urn', parseUrn);
    const laestab = reader.read('laestab', parseLaestab);
    const latest = reader.inspection('latest', schoolUrn);
    const previous = reader.inspection('previous', schoolUrn);
    const ungraded = reader.ungradedInspection(schoolUrn);
    if (reader.problems.length > 0 || schoolUrn === undefined) {
      rejections.push({ line: row.line, reason: reader.problems.join('; ') });
      continue;
    }
    const inspections = [latest, previous, ungraded].filter((found) => found !== null);
    if (inspections.length === 0) {
      rejections.push({
        line: row.line,
        reason: `URN ${schoolUrn} has no inspection in this file (no dates)`,
      });
      continue;
    }
    for (const message of reader.warnings) warnings.push({ line: row.line, message });
    records.push({
      line: row.line,
      schoolUrn,
      laestab: laestab ?? null,
      schoolName: isBlank(row.cell('schoolName')) ? null : row.cell('schoolName')!,
      inspections: inspections.sort((a, b) => dateOf(b).localeCompare(dateOf(a))),
    });
  }
  return {
    records,
    rejections,
    warnings,
    notes,
    encoding: table.encoding,
    rowCount: table.rows.length,
  };
}

const dateOf = (inspection: GradedInspection): IsoDate =>
  inspection.startDate ?? inspection.publicationDate ?? '';

class MiRowReader {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly row: CsvRow<MiField>) {}

  read<T>(field: MiField, parse: (raw: string | undefined) => Parsed<T>): T | undefined {
    const parsed = parse(this.row.cell(field));
    if (parsed.ok) return parsed.value;
    this.problems.push(`${MI_COLUMNS[field][0]}: ${parsed.problem}`);
    return undefined;
  }

  /** The latest or previous graded inspection; null when the row has no date for it. */
  inspection(slot: Slot, schoolUrn: number | undefined): GradedInspection | null {
    const startDate = this.read(`${slot}Start`, parseOfstedDate) ?? null;
    const publicationDate = this.read(`${slot}Publication`, parseOfstedDate) ?? null;
    let overallEffectiveness = this.read(`${slot}Overall`, parseOverallEffectiveness) ?? null;
    const categoryOfConcern = this.read(`${slot}Category`, parseCategoryOfConcern) ?? null;
    const safeguarding = this.read(`${slot}Safeguarding`, parseSafeguarding) ?? null;
    const subJudgements = this.subJudgements(slot);
    const urn = this.urnAtTime(`${slot}Urn`, schoolUrn);
    const date = startDate ?? publicationDate;
    if (date === null) {
      if (overallEffectiveness !== null || categoryOfConcern !== null) {
        this.problems.push(`the ${slot} graded inspection has a judgement but no date`);
      }
      return null;
    }
    this.checkOrder(slot, startDate, publicationDate);
    if (overallEffectiveness !== null && !headlineGradeAllowedOn(date)) {
      this.warnings.push(
        `${slot} overall effectiveness ${overallEffectiveness} dated ${date} dropped: no single headline grades from 2 September 2024`,
      );
      overallEffectiveness = null;
    }
    if (urn === undefined) return null;
    return gradedInspection({
      kind: 'graded',
      urn,
      inspectionNumber: this.text(`${slot}Number`),
      startDate,
      publicationDate,
      overallEffectiveness,
      categoryOfConcern,
      safeguarding,
      subJudgements,
      outcomeText: null,
    });
  }

  /** The latest ungraded (section 8) visit, unless it converted and so is the graded inspection. */
  ungradedInspection(schoolUrn: number | undefined): GradedInspection | null {
    const startDate = this.read('ungradedStart', parseOfstedDate) ?? null;
    const publicationDate = this.read('ungradedPublication', parseOfstedDate) ?? null;
    const converted = this.read('ungradedConverted', parseYesNo) ?? null;
    const urn = this.urnAtTime('ungradedUrn', schoolUrn);
    if (startDate === null && publicationDate === null) return null;
    this.checkOrder('ungraded', startDate, publicationDate);
    if (converted === true || urn === undefined) return null;
    return gradedInspection({
      kind: 'ungraded',
      urn,
      inspectionNumber: this.text('ungradedNumber'),
      startDate,
      publicationDate,
      overallEffectiveness: null,
      categoryOfConcern: null,
      safeguarding: null,
      subJudgements: {},
      outcomeText: this.text('ungradedOutcome'),
    });
  }

  private subJudgements(slot: Slot): Partial<Record<EifJudgementArea, SubJudgement>> {
    const judgements: Partial<Record<EifJudgementArea, SubJudgement>> = {};
    for (const area of EIF_JUDGEMENT_AREAS) {
      const value = this.read(`${slot}${AREA_FIELD_SUFFIX[area]}` as MiField, parseSubJudgement);
      if (value !== undefined && value !== null) judgements[area] = value;
    }
    return judgements;
  }

  /** The URN the inspection was made under, or the school's own when the file does not say. */
  private urnAtTime(field: MiField, schoolUrn: number | undefined): number | undefined {
    const raw = this.row.cell(field);
    if (isBlank(raw)) return schoolUrn;
    return this.read(field, parseUrn);
  }

  private checkOrder(
    what: string,
    startDate: IsoDate | null,
    publicationDate: IsoDate | null,
  ): void {
    if (startDate !== null && publicationDate !== null && publicationDate < startDate) {
      this.problems.push(
        `the ${what} inspection was published (${publicationDate}) before it started (${startDate})`,
      );
    }
  }

  private text(field: MiField): string | null {
    const raw = this.row.cell(field);
    return isBlank(raw) ? null : raw!;
  }
}
