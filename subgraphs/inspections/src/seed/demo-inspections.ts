import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import type { Estate } from '@estate/academies/src/seed/estate';
import { addDays, type IsoDate, isoWeekday, SeededRandom } from '@estate/subgraph-kit';
import { type Grade, SINGLE_HEADLINE_GRADES_END_DATE, type SubJudgement } from '../domain/grades';
import {
  type CategoryOfConcern,
  type EifJudgementArea,
  type Inspection,
  gradedInspection,
  reportCardInspection,
} from '../domain/inspection';
import {
  type ReportCardArea,
  type ReportCardGrade,
  REPORT_CARDS_START_DATE,
} from '../domain/report-card';
import type { StoredInspection } from '../modules/inspection/inspection.record';

export const DEMO_INSPECTIONS_SEED = 20_261_203;

/** The demo history stops here, whatever day it is run, so that it is the same on every run. */
export const DEMO_HORIZON: IsoDate = '2026-11-27';

const HISTORY_FROM: IsoDate = '2006-01-09';
const EIF_FROM: IsoDate = '2019-09-01';
const SHORT_INSPECTIONS_FROM: IsoDate = '2015-09-01';

/** Named schools with hand-written histories, so demos and tests can show every rule at work. */
export interface DemoCases {
  /** RI in 2019 and RI again in October 2022: eligible under 2RI (2022), a stuck school from Nov 2024. */
  twoRequiresImprovement: number;
  /** Special measures from March 2024. */
  specialMeasures: number;
  /** Graded in March 2025 with no headline grade, judged to require significant improvement. */
  seriousWeaknessesWithoutHeadlineGrade: number;
  /** RI in 2022, then a report card in 2026 with leadership and governance needing attention. */
  reportCardNeedsAttention: number;
  /** Good in 2021, then a report card at the expected standard or above. */
  reportCardExpectedStandard: number;
}

export interface DemoInspections {
  inspections: StoredInspection[];
  cases: DemoCases;
}

const TRANSITIONS: Record<Grade, readonly (readonly [Grade, number])[]> = {
  1: [
    [1, 58],
    [2, 36],
    [3, 5],
    [4, 1],
  ],
  2: [
    [1, 8],
    [2, 74],
    [3, 15],
    [4, 3],
  ],
  3: [
    [1, 2],
    [2, 56],
    [3, 32],
    [4, 10],
  ],
  4: [
    [2, 35],
    [3, 55],
    [4, 10],
  ],
};
const FIRST_GRADE: readonly (readonly [Grade, number])[] = [
  [1, 18],
  [2, 58],
  [3, 19],
  [4, 5],
];

interface SchoolLife {
  urn: number;
  from: IsoDate;
  until: IsoDate;
  pupils: number | null;
  hasEarlyYears: boolean;
  hasSixthForm: boolean;
}

/**
 * A realistic Ofsted history for every demo school, on the academies demo estate: inspections of a
 * converted school before conversion are under its predecessor's URN; sponsored academies replaced
 * inadequate schools; good schools get ungraded visits between graded ones; graded inspections from
 * 2 September 2024 carry no headline grade; from 10 November 2025 inspections are report cards.
 */
export function generateDemoInspections(estate: Estate = generateDemoEstate()): DemoInspections {
  const random = new SeededRandom(DEMO_INSPECTIONS_SEED);
  inspectionCounter = 0;
  const schools = new Map(estate.schools.map((school) => [school.urn, school]));
  const predecessorOf = new Map<number, number>();
  for (const link of estate.links) {
    if (link.linkType === 'Predecessor') predecessorOf.set(link.urn, link.linkedUrn);
  }
  const successors = new Set(predecessorOf.values());
  const life = (urn: number, from: IsoDate, until: IsoDate): SchoolLife => {
    const school = schools.get(urn)!;
    return {
      urn,
      from,
      until,
      pupils: school.numberOfPupils,
      hasEarlyYears: school.statutoryLowAge !== null && school.statutoryLowAge < 5,
      hasSixthForm: school.statutoryHighAge !== null && school.statutoryHighAge > 16,
    };
  };

  const inspections: StoredInspection[] = [];
  const scriptable: number[] = [];
  for (const school of [...estate.schools].sort((a, b) => a.urn - b.urn)) {
    if (successors.has(school.urn)) continue; // a predecessor's history is told with its successor's
    const opened = school.openedOn ?? HISTORY_FROM;
    const predecessorUrn = predecessorOf.get(school.urn);
    const lives: { life: SchoolLife; lastGrade?: Grade }[] = [];
    if (predecessorUrn !== undefined) {
      const predecessor = schools.get(predecessorUrn)!;
      const sponsored = school.typeCode === 28 || school.typeCode === 33;
      lives.push({
        life: life(
          predecessorUrn,
          maxDate(predecessor.openedOn ?? HISTORY_FROM, HISTORY_FROM),
          addDays(opened, -1),
        ),
        // Sponsored academies replace failing schools; converters are mostly good ones.
        lastGrade: sponsored ? 4 : random.chance(0.85) ? random.pick([1, 2, 2, 2] as const) : 3,
      });
    }
    lives.push({ life: life(school.urn, maxDate(opened, HISTORY_FROM), DEMO_HORIZON) });
    if (predecessorUrn === undefined && school.statusCode !== 2 && school.openedOn === null) {
      scriptable.push(school.urn);
    }

    let grade: Grade | null = null;
    let next: IsoDate | null = null;
    for (const { life: span, lastGrade } of lives) {
      const events = historyOf(random, span, grade, next);
      if (lastGrade !== undefined) forceLastGrade(events, lastGrade);
      inspections.push(...events.map((event) => event.stored));
      const last = events.at(-1);
      if (last) grade = last.grade;
      // A new academy is inspected afresh, usually within three years of opening.
      next = addDays(span.until, random.int(300, 1100));
    }
  }

  const cases = applyScriptedCases(inspections, scriptable, estate);
  return { inspections, cases };
}

interface Event {
  stored: StoredInspection;
  grade: Grade;
}

function historyOf(
  random: SeededRandom,
  life: SchoolLife,
  previousGrade: Grade | null,
  firstDue: IsoDate | null,
): Event[] {
  const events: Event[] = [];
  let grade = previousGrade;
  let date = weekday(firstDue ?? addDays(life.from, random.int(60, 1200)));
  let ungradedDue = false;
  while (date <= life.until && date <= DEMO_HORIZON) {
    if (ungradedDue && date >= SHORT_INSPECTIONS_FROM && date < REPORT_CARDS_START_DATE) {
      ungradedDue = false;
      if (!random.chance(0.15)) {
        events.push({ stored: ungraded(random, life, date, grade!), grade: grade! });
        date = weekday(addDays(date, random.int(1200, 1600)));
        continue;
      }
    }
    grade = random.weighted(grade === null ? FIRST_GRADE : TRANSITIONS[grade]);
    events.push({ stored: full(random, life, date, grade), grade });
    if (random.chance(0.02) && date < '2026-06-01') {
      const urgentOn = weekday(addDays(date, random.int(200, 500)));
      if (urgentOn <= life.until) events.push({ stored: urgent(random, life, urgentOn), grade });
    }
    const gap =
      grade <= 2
        ? random.int(1300, 1750)
        : grade === 3
          ? random.int(800, 1000)
          : random.int(600, 800);
    ungradedDue = grade <= 2;
    date = weekday(addDays(date, gap));
  }
  return events;
}

/** Makes the last full inspection of a school before it converted the grade its route implies. */
function forceLastGrade(events: Event[], grade: Grade): void {
  const last = [...events].reverse().find((event) => event.stored.inspection.kind === 'graded');
  if (!last || last.stored.inspection.kind !== 'graded') return;
  const inspection = last.stored.inspection;
  if (inspection.startDate! >= SINGLE_HEADLINE_GRADES_END_DATE) return;
  last.grade = grade;
  last.stored = {
    ...last.stored,
    inspection: {
      ...inspection,
      overallEffectiveness: grade,
      categoryOfConcern: grade === 4 ? 'specialMeasures' : null,
    },
  };
}

function publication(random: SeededRandom, start: IsoDate): IsoDate {
  return addDays(start, random.int(18, 45));
}

function weekday(date: IsoDate): IsoDate {
  const day = isoWeekday(date);
  return day >= 6 ? addDays(date, 8 - day) : date;
}

function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

function roll(random: SeededRandom, life: SchoolLife): number | null {
  return life.pupils === null ? null : Math.max(10, life.pupils + random.int(-25, 25));
}

function nearby(random: SeededRandom, grade: Grade): Grade {
  const shifted =
    grade +
    random.weighted([
      [-1, 12],
      [0, 76],
      [1, 12],
    ] as const);
  return Math.min(4, Math.max(1, shifted)) as Grade;
}

function subJudgements(
  random: SeededRandom,
  life: SchoolLife,
  grade: Grade,
): Partial<Record<EifJudgementArea, SubJudgement>> {
  return {
    qualityOfEducation: nearby(random, grade),
    behaviourAndAttitudes: nearby(random, grade),
    personalDevelopment: nearby(random, grade),
    leadershipAndManagement: grade === 4 ? 4 : nearby(random, grade),
    earlyYearsProvision: life.hasEarlyYears
      ? random.chance(0.03)
        ? 'insufficientEvidence'
        : nearby(random, grade)
      : 'doesNotApply',
    sixthFormProvision: life.hasSixthForm ? nearby(random, grade) : 'doesNotApply',
  };
}

function category(random: SeededRandom, grade: Grade, date: IsoDate): CategoryOfConcern | null {
  if (grade !== 4) return null;
  if (date < '2012-09-01' && random.chance(0.3)) return 'noticeToImprove';
  return random.chance(0.6) ? 'specialMeasures' : 'seriousWeaknesses';
}

let inspectionCounter = 0;
function inspectionNumber(date: IsoDate): string {
  inspectionCounter += 1;
  return `10${date.slice(2, 4)}${String(inspectionCounter).padStart(4, '0')}`;
}

/** A graded inspection, or a report card from 10 November 2025, reflecting an underlying grade. */
function full(
  random: SeededRandom,
  life: SchoolLife,
  date: IsoDate,
  grade: Grade,
): StoredInspection {
  const publicationDate = publication(random, date);
  if (date >= REPORT_CARDS_START_DATE) {
    return {
      inspection: reportCardInspection({
        urn: life.urn,
        inspectionNumber: inspectionNumber(date),
        startDate: date,
        publicationDate,
        evaluations: evaluations(random, life, grade),
        safeguarding: grade === 4 && random.chance(0.4) ? 'notMet' : 'met',
        categoryOfConcern:
          grade === 4 ? (random.chance(0.5) ? 'specialMeasures' : 'seriousWeaknesses') : null,
      }),
      numberOfPupils: roll(random, life),
    };
  }
  const eif = date >= EIF_FROM;
  return {
    inspection: gradedInspection({
      kind: 'graded',
      urn: life.urn,
      inspectionNumber: inspectionNumber(date),
      startDate: date,
      publicationDate,
      overallEffectiveness: date < SINGLE_HEADLINE_GRADES_END_DATE ? grade : null,
      subJudgements: eif ? subJudgements(random, life, grade) : {},
      safeguarding: eif ? (grade === 4 && random.chance(0.5) ? 'notEffective' : 'effective') : null,
      categoryOfConcern: category(random, grade, date),
    }),
    numberOfPupils: roll(random, life),
  };
}

function ungraded(
  random: SeededRandom,
  life: SchoolLife,
  date: IsoDate,
  grade: Grade,
): StoredInspection {
  return {
    inspection: gradedInspection({
      kind: 'ungraded',
      urn: life.urn,
      inspectionNumber: inspectionNumber(date),
      startDate: date,
      publicationDate: publication(random, date),
      overallEffectiveness: null,
      outcomeText:
        grade === 1
          ? 'School remains Outstanding'
          : random.chance(0.1)
            ? 'School remains Good - next inspection will be graded'
            : 'School remains Good',
    }),
    numberOfPupils: roll(random, life),
  };
}

function urgent(random: SeededRandom, life: SchoolLife, date: IsoDate): StoredInspection {
  return {
    inspection: gradedInspection({
      kind: 'urgent',
      urn: life.urn,
      inspectionNumber: inspectionNumber(date),
      startDate: date,
      publicationDate: publication(random, date),
      overallEffectiveness: null,
      outcomeText: 'Unannounced behaviour inspection: no formal designation',
    }),
    numberOfPupils: null,
  };
}

const REPORT_CARD_BY_GRADE: Record<Grade, readonly (readonly [ReportCardGrade, number])[]> = {
  1: [
    ['exceptional', 40],
    ['strongStandard', 55],
    ['expectedStandard', 5],
  ],
  2: [
    ['strongStandard', 25],
    ['expectedStandard', 70],
    ['needsAttention', 5],
  ],
  3: [
    ['expectedStandard', 55],
    ['needsAttention', 42],
    ['urgentImprovement', 3],
  ],
  4: [
    ['needsAttention', 55],
    ['urgentImprovement', 45],
  ],
};

function evaluations(
  random: SeededRandom,
  life: SchoolLife,
  grade: Grade,
): Partial<Record<ReportCardArea, ReportCardGrade>> {
  const pick = () => random.weighted(REPORT_CARD_BY_GRADE[grade]);
  return {
    curriculumAndTeaching: pick(),
    attendanceAndBehaviour: pick(),
    personalDevelopmentAndWellbeing: pick(),
    leadershipAndGovernance: pick(),
    inclusion: pick(),
    achievement: pick(),
    ...(life.hasEarlyYears ? { earlyYearsProvision: pick() } : {}),
    ...(life.hasSixthForm ? { post16Provision: pick() } : {}),
  };
}

function scripted(pupils: number | null, inspections: Inspection[]): StoredInspection[] {
  return inspections.map((inspection) => ({ inspection, numberOfPupils: pupils }));
}

/** Replaces the random history of five maintained schools with the named cases. */
function applyScriptedCases(
  inspections: StoredInspection[],
  candidates: number[],
  estate: Estate,
): DemoCases {
  if (candidates.length < 5) throw new Error('The demo estate has too few maintained schools');
  const [twoRi, sm, swk, rcAttention, rcExpected] = candidates as [
    number,
    number,
    number,
    number,
    number,
  ];
  const pupils = (urn: number) =>
    estate.schools.find((school) => school.urn === urn)!.numberOfPupils;
  const graded = (urn: number, start: IsoDate, grade: Grade | null, extra: object = {}) =>
    gradedInspection({
      kind: 'graded',
      urn,
      startDate: start,
      publicationDate: addDays(start, 28),
      overallEffectiveness: grade,
      ...extra,
    });
  const good = {
    qualityOfEducation: 2,
    behaviourAndAttitudes: 2,
    personalDevelopment: 2,
    leadershipAndManagement: 2,
  } as const;
  const scripts: Record<number, StoredInspection[]> = {
    [twoRi]: scripted(pupils(twoRi), [
      graded(twoRi, '2015-11-10', 2),
      graded(twoRi, '2019-05-14', 3, {
        subJudgements: { ...good, qualityOfEducation: 3, leadershipAndManagement: 3 },
        safeguarding: 'effective',
      }),
      graded(twoRi, '2022-10-04', 3, {
        subJudgements: { ...good, qualityOfEducation: 3 },
        safeguarding: 'effective',
      }),
    ]),
    [sm]: scripted(pupils(sm), [
      graded(sm, '2017-01-17', 2),
      graded(sm, '2021-11-23', 2, { subJudgements: good, safeguarding: 'effective' }),
      graded(sm, '2024-03-12', 4, {
        subJudgements: {
          qualityOfEducation: 4,
          behaviourAndAttitudes: 3,
          personalDevelopment: 3,
          leadershipAndManagement: 4,
        },
        safeguarding: 'notEffective',
        categoryOfConcern: 'specialMeasures',
      }),
    ]),
    [swk]: scripted(pupils(swk), [
      graded(swk, '2018-02-06', 2),
      graded(swk, '2025-03-11', null, {
        subJudgements: {
          qualityOfEducation: 3,
          behaviourAndAttitudes: 3,
          personalDevelopment: 2,
          leadershipAndManagement: 4,
        },
        safeguarding: 'effective',
        categoryOfConcern: 'seriousWeaknesses',
      }),
    ]),
    [rcAttention]: scripted(pupils(rcAttention), [
      graded(rcAttention, '2018-06-12', 3),
      graded(rcAttention, '2022-06-07', 3, {
        subJudgements: { ...good, qualityOfEducation: 3, leadershipAndManagement: 3 },
        safeguarding: 'effective',
      }),
      reportCardInspection({
        urn: rcAttention,
        startDate: '2026-02-03',
        publicationDate: '2026-03-10',
        evaluations: {
          curriculumAndTeaching: 'expectedStandard',
          attendanceAndBehaviour: 'expectedStandard',
          personalDevelopmentAndWellbeing: 'strongStandard',
          leadershipAndGovernance: 'needsAttention',
          inclusion: 'expectedStandard',
          achievement: 'needsAttention',
        },
        safeguarding: 'met',
      }),
    ]),
    [rcExpected]: scripted(pupils(rcExpected), [
      graded(rcExpected, '2021-10-05', 2, { subJudgements: good, safeguarding: 'effective' }),
      reportCardInspection({
        urn: rcExpected,
        startDate: '2025-11-18',
        publicationDate: '2025-12-16',
        evaluations: {
          curriculumAndTeaching: 'strongStandard',
          attendanceAndBehaviour: 'expectedStandard',
          personalDevelopmentAndWellbeing: 'exceptional',
          leadershipAndGovernance: 'strongStandard',
          inclusion: 'expectedStandard',
          achievement: 'expectedStandard',
        },
        safeguarding: 'met',
      }),
    ]),
  };
  const kept = inspections.filter((stored) => !(stored.inspection.urn in scripts));
  inspections.length = 0;
  inspections.push(...kept, ...Object.values(scripts).flat());
  return {
    twoRequiresImprovement: twoRi,
    specialMeasures: sm,
    seriousWeaknessesWithoutHeadlineGrade: swk,
    reportCardNeedsAttention: rcAttention,
    reportCardExpectedStandard: rcExpected,
  };
}
