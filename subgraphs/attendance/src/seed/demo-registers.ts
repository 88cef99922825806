import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import type { Estate } from '@estate/academies/src/seed/estate';
import {
  AcademicYear,
  addDays,
  type IsoDate,
  isoWeekday,
  SeededRandom,
  todayIso,
} from '@estate/subgraph-kit';
import { upnCheckLetter } from '../domain/upn';
import type { MarkSubmission, PupilSubmission, RegisterBatch } from '../modules/register/ingestion';

export const DEMO_REGISTER_SEED = 20_241_203;

/** The LA whose schools the demo gives registers, and whose pilot it seeds. */
export const MIDDLESBROUGH_LA_CODE = '806';

/**
 * Middlesbrough schools with pupil-level registers in the demo (the others have rollups only):
 * primaries, secondaries and a special school, maintained and academies, including Brambles Farm Primary Academy, which moved from one
 * trust to another on 1 September 2025, so that trust figures can be seen to follow the dates.
 */
export const DEMO_REGISTER_URNS = [
  136330, 136339, 111001, 111005, 136165, 136240, 111028, 136097,
] as const;

/** MIS vendors and the demo schools that authorised them to send registers. */
export const DEMO_VENDOR_AUTHORISATIONS: { vendorId: string; urn: number }[] = [
  { vendorId: 'arbor', urn: 136330 },
  { vendorId: 'arbor', urn: 136339 },
  { vendorId: 'arbor', urn: 111001 },
  { vendorId: 'sims', urn: 136240 },
  { vendorId: 'sims', urn: 111028 },
  { vendorId: 'sims', urn: 111005 },
  { vendorId: 'bromcom', urn: 136165 },
  { vendorId: 'bromcom', urn: 136097 },
];

type Phase = 'primary' | 'secondary' | 'special';

/** An estate school, as much of its row as the register generator reads. */
export type RegisterSchool = Pick<
  Estate['schools'][number],
  'urn' | 'laCode' | 'establishmentNumber' | 'phaseCode' | 'numberOfPupils' | 'percentageFsm'
>;

/**
 * How big a generated register is: the pupils on roll (rounded up to whole year groups, plus last
 * year's leavers) and the chance that a pupil has free school meals.
 */
export interface RollRule {
  pupils(school: RegisterSchool, phase: Phase): number;
  fsmShare(school: RegisterSchool): number;
}

/**
 * Pupils' absence rates are log-normal, with the median and spread chosen so that overall absence
 * and persistent absence come out near DfE's 2024/25 figures (attendance-data-dashboard): about
 * 5.5 % and 14 % in primaries, 8 % and 24 % in secondaries, 11 % and 36 % in special schools.
 */
const PHASES: Record<
  Phase,
  {
    /** The demo's roll (`DEMO_ROLL`). */
    pupils: number;
    years: number[];
    medianAbsence: number;
    spread: number;
    unauthorisedShare: number;
  }
> = {
  primary: {
    pupils: 42,
    years: [0, 1, 2, 3, 4, 5, 6],
    medianAbsence: 0.032,
    spread: 1.0,
    unauthorisedShare: 0.38,
  },
  secondary: {
    pupils: 70,
    years: [7, 8, 9, 10, 11, 12, 13],
    medianAbsence: 0.052,
    spread: 0.9,
    unauthorisedShare: 0.55,
  },
  special: {
    pupils: 28,
    years: [1, 3, 5, 7, 9, 11, 13],
    medianAbsence: 0.06,
    spread: 0.9,
    unauthorisedShare: 0.35,
  },
};

/** Small fixed rolls, whatever the school's size, at about Middlesbrough's FSM share. */
export const DEMO_ROLL: RollRule = {
  pupils: (_school, phase) => PHASES[phase].pupils,
  fsmShare: () => 0.42,
};

const AUTHORISED: [string, number][] = [
  ['I', 70],
  ['M', 12],
  ['C', 6],
  ['E', 2],
  ['R', 2],
  ['C2', 2],
  ['T', 1],
];
const UNAUTHORISED: [string, number][] = [
  ['O', 60],
  ['G', 22],
  ['U', 8],
  ['N', 10],
];
const ACTIVITY: [string, number][] = [
  ['V', 4],
  ['P', 3],
  ['B', 2],
  ['K', 1],
];

/** Holidays of the demo school year starting in `startYear`, both ends inclusive. */
function holidays(startYear: number): { from: IsoDate; to: IsoDate }[] {
  const y = startYear;
  const n = startYear + 1;
  return [
    { from: `${y}-10-26`, to: `${y}-10-30` },
    { from: `${y}-12-19`, to: `${n}-01-04` },
    { from: `${n}-02-15`, to: `${n}-02-19` },
    { from: `${n}-03-28`, to: `${n}-04-12` },
    { from: `${n}-05-04`, to: `${n}-05-04` },
    { from: `${n}-05-24`, to: `${n}-05-29` },
    { from: `${n}-07-22`, to: `${n}-08-31` },
  ];
}

/** INSET days: the school is closed, and registers say `#`. */
function insetDays(startYear: number): IsoDate[] {
  return [
    `${startYear}-09-01`,
    `${startYear}-09-02`,
    `${startYear}-11-27`,
    `${startYear + 1}-06-26`,
  ];
}

export function schoolDays(
  year: AcademicYear,
  until: IsoDate,
): { date: IsoDate; inset: boolean }[] {
  const closed = holidays(year.startYear);
  const inset = new Set(insetDays(year.startYear));
  const days: { date: IsoDate; inset: boolean }[] = [];
  for (let date = year.firstDay; date <= year.lastDay && date <= until; date = addDays(date, 1)) {
    if (isoWeekday(date) > 5) continue;
    if (closed.some((holiday) => date >= holiday.from && date <= holiday.to)) continue;
    days.push({ date, inset: inset.has(date) });
  }
  return days;
}

function phaseOf(phaseCode: number): Phase | null {
  if (phaseCode === 2) return 'primary';
  if (phaseCode === 4 || phaseCode === 7) return 'secondary';
  if (phaseCode === 0) return 'special';
  return null;
}

interface DemoPupil extends PupilSubmission {
  /** Year group in the current year; the previous year's is one less. */
  currentYearGroup: number;
  absenceRate: number;
}

function upnFor(laCode: string, estab: number, yearDigits: number, serial: number): string {
  const body = `${laCode}${String(estab).padStart(4, '0')}${String(yearDigits).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  return `${upnCheckLetter(body)}${body}`;
}

/**
 * A seed for one school's, or one school-year's, own stream of draws, so that a school's pupils do
 * not depend on which schools come before it, nor last year's marks on how much of this year has
 * passed: the demo's figures for a finished year are the same whatever the date.
 */
function streamSeed(seed: number, ...parts: number[]): number {
  return parts.reduce((mixed, part) => Math.imul(mixed ^ part, 0x9e3779b1) >>> 0, seed >>> 0);
}

/**
 * The school's pupils' standard normal scores, one at each of n evenly spaced quantiles in random
 * order: a roll of fifty would otherwise put the school's absence a percentage point or more from
 * its calibration by chance. The quantile function is Tukey's lambda approximation of the normal.
 */
function stratifiedNormalScores(random: SeededRandom, n: number): number[] {
  const scores = Array.from({ length: n }, (_, i) => {
    const p = (i + 0.5) / n;
    return 4.91 * (p ** 0.14 - (1 - p) ** 0.14);
  });
  for (let i = n - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [scores[i], scores[j]] = [scores[j]!, scores[i]!];
  }
  return scores;
}

/** The demo schools with registers, in `DEMO_REGISTER_URNS` order. */
export function demoRegisterSchools(): RegisterSchool[] {
  const estate = generateDemoEstate();
  return DEMO_REGISTER_URNS.flatMap((urn) => estate.schools.filter((s) => s.urn === urn));
}

export interface RegisterGeneration {
  /** The demo's eight by default. */
  schools?: readonly RegisterSchool[];
  roll?: RollRule;
  seed?: number;
}

/**
 * Registers as batches, one school and one month at a time, ready for the ingestion service: the
 * demo's unless told which schools. The previous academic year is whole; the current one runs to
 * yesterday. The same seed and schools always give the same pupils and marks.
 */
export function generateDemoRegisters(
  today: IsoDate = todayIso(),
  {
    schools = demoRegisterSchools(),
    roll: rollRule = DEMO_ROLL,
    seed = DEMO_REGISTER_SEED,
  }: RegisterGeneration = {},
): RegisterBatch[] {
  const current = AcademicYear.containing(today);
  const previous = current.plus(-1);
  const yesterday = addDays(today, -1);
  const batches: RegisterBatch[] = [];

  for (const school of schools) {
    const { urn } = school;
    const phase = phaseOf(school.phaseCode);
    if (!phase) continue;
    const shape = PHASES[phase];
    const fsmShare = rollRule.fsmShare(school);
    const random = new SeededRandom(streamSeed(seed, urn));
    const pupils: DemoPupil[] = [];
    let serial = 0;
    const perYear = Math.ceil(rollRule.pupils(school, phase) / shape.years.length);
    const yearGroups = [...shape.years, shape.years.at(-1)! + 1];
    const scores = stratifiedNormalScores(random, perYear * yearGroups.length);
    // Pupils in the current year, plus last year's leavers from the top year group.
    for (const yearGroup of yearGroups) {
      const leavers = yearGroup > shape.years.at(-1)!;
      for (let i = 0; i < perYear; i += 1) {
        serial += 1;
        const birthYear = current.startYear - 5 - yearGroup;
        const dateOfBirth = addDays(`${birthYear}-09-01`, random.int(0, 364));
        const joinedAtStart = yearGroup === shape.years[0];
        const admittedOn = joinedAtStart ? current.firstDay : previous.firstDay;
        const isFsm = random.chance(fsmShare);
        const median = shape.medianAbsence * (isFsm ? 1.35 : 0.85);
        const rate = Math.min(0.95, median * Math.exp(shape.spread * scores[serial - 1]!));
        pupils.push({
          upn: upnFor(school.laCode, school.establishmentNumber ?? 0, 20 + (serial % 7), serial),
          dateOfBirth,
          yearGroup: leavers ? yearGroup - 1 : yearGroup,
          currentYearGroup: yearGroup,
          sex: random.chance(0.5) ? 'F' : 'M',
          freeSchoolMeals: isFsm,
          senStatus: random.weighted([
            ['N', 82],
            ['K', 14],
            ['E', 4],
          ] as const),
          englishAsAdditionalLanguage: random.chance(0.12),
          admittedOn,
          leftOn: leavers ? `${previous.startYear + 1}-07-21` : null,
          absenceRate: rate,
        });
      }
    }

    for (const year of [previous, current]) {
      const isCurrent = year.equals(current);
      const marksRandom = new SeededRandom(streamSeed(seed, urn, year.startYear));
      const days = schoolDays(year, isCurrent ? yesterday : year.lastDay);
      const onRoll = pupils.filter(
        (p) =>
          p.admittedOn <= year.lastDay &&
          (p.leftOn === null || p.leftOn === undefined || p.leftOn >= year.firstDay),
      );
      const roll: PupilSubmission[] = onRoll.map((p) => ({
        upn: p.upn,
        dateOfBirth: p.dateOfBirth,
        yearGroup: isCurrent || p.leftOn ? p.yearGroup : p.currentYearGroup - 1,
        sex: p.sex,
        freeSchoolMeals: p.freeSchoolMeals,
        senStatus: p.senStatus,
        englishAsAdditionalLanguage: p.englishAsAdditionalLanguage,
        admittedOn: p.admittedOn,
        leftOn: p.leftOn ?? null,
      }));
      const byMonth = new Map<string, MarkSubmission[]>();
      for (const { date, inset } of days) {
        const month = date.slice(0, 7);
        const marks = byMonth.get(month) ?? [];
        const recent = isCurrent && date >= addDays(yesterday, -6);
        for (const pupil of onRoll) {
          if (date < pupil.admittedOn || (pupil.leftOn && date > pupil.leftOn)) continue;
          if (inset) {
            marks.push({ upn: pupil.upn, date, session: 'AM', code: '#' });
            marks.push({ upn: pupil.upn, date, session: 'PM', code: '#' });
            continue;
          }
          const [am, pm] = dayCodes(
            marksRandom,
            pupil.absenceRate,
            shape.unauthorisedShare,
            recent,
          );
          marks.push({ upn: pupil.upn, date, session: 'AM', code: am });
          marks.push({ upn: pupil.upn, date, session: 'PM', code: pm });
        }
        byMonth.set(month, marks);
      }
      let first = true;
      for (const marks of byMonth.values()) {
        batches.push({ urn, pupils: first ? roll : [], marks });
        first = false;
      }
    }
  }
  return batches;
}

/** One pupil's day: usually present, absent all day at their rate, with lates and trips. */
function dayCodes(
  random: SeededRandom,
  absenceRate: number,
  unauthorisedShare: number,
  recent: boolean,
): [string, string] {
  if (random.chance(absenceRate)) {
    const unauthorised = random.chance(unauthorisedShare);
    let code = random.weighted(unauthorised ? UNAUTHORISED : AUTHORISED);
    // Reasons for the last few days are often not yet established.
    if (unauthorised && recent && random.chance(0.5)) code = 'N';
    if (code === 'M' || code === 'U') return random.chance(0.5) ? [code, '\\'] : ['/', code];
    return [code, code];
  }
  if (random.chance(0.01)) {
    const activity = random.weighted(ACTIVITY);
    return [activity, activity];
  }
  return [random.chance(0.02) ? 'L' : '/', '\\'];
}
