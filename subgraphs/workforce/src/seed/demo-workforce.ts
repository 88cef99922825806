import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import { AcademicYear, SeededRandom } from '@estate/subgraph-kit';
import { type AwardList, AwardLists, createAwardList } from '../domain/award-list';
import type { EmploymentSpell } from '../domain/employment';
import type { FormalAction } from '../domain/formal-action';
import type { Urn } from '../domain/identifiers';
import type { PremiumClaim, PremiumTopUp } from '../domain/premium-claim';
import { premiumEligibility } from '../domain/premium-eligibility';
import {
  DEFAULT_PREMIUM_POLICY_YEARS,
  premiumClaimYears,
  type PremiumPolicyYears,
} from '../domain/premium-policy';
import type { Qualification } from '../domain/qualification';
import type { EligibleSubject } from '../domain/subjects';
import type { Teacher } from '../domain/teacher';

export const DEMO_WORKFORCE_SEED = 20_241_203;
const MIDDLESBROUGH = '806';

/** Share of each demo LA's open schools on the award lists: Middlesbrough mostly, London rarely. */
const LISTED_SHARE: Record<string, number> = {
  '806': 0.9,
  '805': 0.5,
  '807': 0.5,
  '808': 0.3,
  '202': 0.1,
  '850': 0.05,
};

/** 2022/23 and 2023/24 paid £1,500 to £3,000; from 2024/25 the amounts doubled (domain.md §5.3). */
const BANDS_BEFORE_2024 = [1500, 2000, 2500, 3000];
const BANDS_FROM_2024 = [3000, 4000, 5000, 6000];

export interface DemoWorkforce {
  teachers: Teacher[];
  awardLists: AwardList[];
  claims: PremiumClaim[];
  topUps: PremiumTopUp[];
}

type Archetype =
  | 'eligible'
  | 'eligibleByDegree'
  | 'lateAugustStart'
  | 'undergraduate'
  | 'assessmentOnly'
  | 'overseas'
  | 'agencySupply'
  | 'directSupply'
  | 'formalAction'
  | 'oldCohort'
  | 'insufficientTeaching'
  | 'nonStemSubject'
  | 'trainee'
  | 'leftSchool';

const ARCHETYPES: readonly (readonly [Archetype, number])[] = [
  ['eligible', 30],
  ['eligibleByDegree', 5],
  ['lateAugustStart', 2],
  ['undergraduate', 6],
  ['assessmentOnly', 4],
  ['overseas', 3],
  ['agencySupply', 4],
  ['directSupply', 2],
  ['formalAction', 3],
  ['oldCohort', 14],
  ['insufficientTeaching', 6],
  ['nonStemSubject', 16],
  ['trainee', 4],
  ['leftSchool', 3],
];

const FIRST_NAMES = [
  'Amara',
  'Ben',
  'Chloe',
  'Daniel',
  'Eleanor',
  'Farhan',
  'Grace',
  'Harry',
  'Imran',
  'Jess',
  'Kieran',
  'Leah',
  'Mohammed',
  'Niamh',
  'Oliver',
  'Priya',
  'Rhys',
  'Sophie',
  'Tariq',
  'Zara',
];
const LAST_NAMES = [
  'Ahmed',
  'Bell',
  'Carter',
  'Dawson',
  'Evans',
  'Fletcher',
  'Green',
  'Hussain',
  'Iqbal',
  'Jones',
  'Khan',
  'Lee',
  'Morgan',
  'Nolan',
  'Patel',
  'Robson',
  'Smith',
  'Taylor',
  'Walker',
  'Young',
];
const STEM: readonly EligibleSubject[] = ['mathematics', 'physics', 'chemistry', 'computing'];

function awardListsFor(
  random: SeededRandom,
  openUrnsByLa: Map<string, Urn[]>,
  policy: PremiumPolicyYears,
): AwardList[] {
  // A school's band is fairly stable: its rank in the band list, nudged now and then.
  const bandIndexByUrn = new Map<Urn, number>();
  const listed = new Set<Urn>();
  for (const [laCode, urns] of openUrnsByLa) {
    for (const urn of urns) {
      if (random.chance(LISTED_SHARE[laCode] ?? 0)) listed.add(urn);
      bandIndexByUrn.set(urn, random.int(0, 3));
    }
  }
  return premiumClaimYears(policy).map((year) => {
    const bands = year.startYear >= 2024 ? BANDS_FROM_2024 : BANDS_BEFORE_2024;
    const entries: [Urn, number][] = [];
    for (const urn of listed) {
      // A few schools drop off a year's list: a year's list never carries over.
      if (random.chance(0.04)) continue;
      const nudge = random.chance(0.15) ? random.pick([-1, 1]) : 0;
      const index = Math.min(3, Math.max(0, (bandIndexByUrn.get(urn) ?? 0) + nudge));
      entries.push([urn, bands[index]!]);
    }
    return createAwardList(year, entries);
  });
}

function qualificationFor(random: SeededRandom, archetype: Archetype): Qualification {
  const subject = random.pick(STEM);
  const postgraduate = (ittStartYear: number, ittSubject: Qualification['ittSubject']) => ({
    route: 'postgraduate_itt' as const,
    ittStartDate: `${ittStartYear}-09-${String(random.int(1, 12)).padStart(2, '0')}`,
    qtsAwardedOn: `${ittStartYear + 1}-07-${String(random.int(10, 25)).padStart(2, '0')}`,
    ittSubject,
    degreeSubjects: [ittSubject],
  });
  switch (archetype) {
    case 'eligibleByDegree':
      return { ...postgraduate(random.int(2020, 2024), 'other'), degreeSubjects: [subject] };
    case 'lateAugustStart': {
      // Starts on 18–31 August count as September: a 2021/22 cohort, not 2020/21.
      const year = random.int(2020, 2023);
      return {
        ...postgraduate(year, subject),
        ittStartDate: `${year}-08-${random.int(18, 31)}`,
      };
    }
    case 'undergraduate': {
      const completed = random.int(2021, 2025);
      return {
        route: 'undergraduate_itt',
        ittCompletionDate: `${completed}-06-${random.int(10, 28)}`,
        qtsAwardedOn: `${completed}-07-${random.int(10, 25)}`,
        ittSubject: subject,
        degreeSubjects: [subject],
      };
    }
    case 'assessmentOnly':
    case 'overseas':
      return {
        route: archetype === 'overseas' ? 'overseas_recognition' : 'assessment_only',
        qtsAwardedOn: `${random.int(2021, 2025)}-${random.pick(['01', '04', '07', '11'])}-15`,
        ittSubject: subject,
        degreeSubjects: [subject],
      };
    case 'oldCohort':
      return postgraduate(random.int(2008, 2019), subject);
    case 'nonStemSubject':
      return { ...postgraduate(random.int(2019, 2024), 'other'), degreeSubjects: ['other'] };
    case 'trainee':
      // In training this year: no QTS yet.
      return {
        route: 'postgraduate_itt',
        ittStartDate: `2026-09-0${random.int(1, 7)}`,
        ittSubject: subject,
        degreeSubjects: [subject],
      };
    default:
      return postgraduate(random.int(2020, 2024), subject);
  }
}

function spellsFor(
  random: SeededRandom,
  archetype: Archetype,
  urn: Urn,
  qualification: Qualification,
  otherUrn: Urn,
): EmploymentSpell[] {
  const qualifiedYear = Number(
    (qualification.qtsAwardedOn ?? qualification.ittStartDate ?? '2020').slice(0, 4),
  );
  const start = `${Math.max(2016, qualifiedYear)}-09-01`;
  const base = {
    contractType: 'permanent' as const,
    wholeTermContract: true,
    employedDirectlyBySchool: true,
  };
  if (archetype === 'trainee') return [{ ...base, urn, startDate: '2026-09-01' }];
  if (archetype === 'agencySupply') {
    return [
      { ...base, urn, startDate: start, contractType: 'supply', employedDirectlyBySchool: false },
    ];
  }
  if (archetype === 'directSupply') {
    return [{ ...base, urn, startDate: start, contractType: 'supply' }];
  }
  if (archetype === 'leftSchool') {
    const startDate = `${Math.min(Math.max(2016, qualifiedYear), 2023)}-09-01`;
    return [{ ...base, urn, startDate, endDate: '2025-07-31' }];
  }
  if (random.chance(0.15) && qualifiedYear <= 2022) {
    // Moved schools: an earlier spell elsewhere, then here.
    return [
      { ...base, urn: otherUrn, startDate: start, endDate: '2023-08-31' },
      {
        ...base,
        urn,
        startDate: '2023-09-01',
        contractType: random.pick(['permanent', 'fixed_term']),
      },
    ];
  }
  return [{ ...base, urn, startDate: start }];
}

function teacherAt(random: SeededRandom, index: number, urn: Urn, otherUrn: Urn): Teacher {
  const archetype = random.weighted(ARCHETYPES);
  const qualification = qualificationFor(random, archetype);
  const formalActions: FormalAction[] =
    archetype === 'formalAction'
      ? [{ kind: random.pick(['performance', 'disciplinary'] as const), startedOn: '2025-11-03' }]
      : random.chance(0.05)
        ? [{ kind: 'performance', startedOn: '2022-01-10', endedOn: '2022-06-30' }]
        : [];
  return {
    trn: String(2_100_001 + index),
    name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    qualification,
    employment: spellsFor(random, archetype, urn, qualification, otherUrn),
    eligibleSubjectTeachingPercent:
      archetype === 'insufficientTeaching'
        ? random.int(10, 45)
        : archetype === 'nonStemSubject'
          ? // e.g. a biology graduate teaching mostly combined science, or a historian
            random.pick([random.int(50, 90), random.int(0, 20)])
          : random.int(55, 100),
    formalActions,
  };
}

/**
 * The demo workforce on the academies demo estate: a few hundred teachers, most at Middlesbrough's
 * open schools, with every eligibility outcome represented; award lists for every policy year;
 * and claims in past years, some topped up after an uplift. Always the same for the same seed.
 */
export function generateDemoWorkforce(
  seed: number = DEMO_WORKFORCE_SEED,
  policy: PremiumPolicyYears = DEFAULT_PREMIUM_POLICY_YEARS,
): DemoWorkforce {
  const random = new SeededRandom(seed);
  const estate = generateDemoEstate();
  const open = estate.schools.filter((school) => school.statusCode === 1);
  const openUrnsByLa = new Map<string, Urn[]>();
  for (const school of open) {
    openUrnsByLa.set(school.laCode, [...(openUrnsByLa.get(school.laCode) ?? []), school.urn]);
  }
  const awardLists = awardListsFor(random, openUrnsByLa, policy);

  const teachers: Teacher[] = [];
  open.forEach((school, schoolIndex) => {
    const secondary = school.phaseCode === 4 || school.phaseCode === 7;
    const middlesbrough = school.laCode === MIDDLESBROUGH;
    const staff = middlesbrough
      ? secondary
        ? random.int(10, 14)
        : random.int(2, 4)
      : schoolIndex % 4 === 0
        ? random.int(1, 3)
        : 0;
    const neighbour = open[(schoolIndex + 1) % open.length]!.urn;
    for (let i = 0; i < staff; i += 1) {
      teachers.push(teacherAt(random, teachers.length, school.urn, neighbour));
    }
  });

  // Past years' claims: about half of those eligible on a March day claimed, with the award then.
  const lists = AwardLists.of(...awardLists);
  const claims: PremiumClaim[] = [];
  const topUps: PremiumTopUp[] = [];
  for (const year of premiumClaimYears(policy).filter((y) => y.startYear <= 2025)) {
    const claimedOn = `${year.startYear + 1}-03-16`;
    for (const teacher of teachers) {
      const decision = premiumEligibility(teacher, year, {
        policyYears: policy,
        awards: lists,
        asOf: claimedOn,
      });
      if (!decision.eligible || !decision.subject || decision.awardAmountPounds === null) continue;
      if (!random.chance(0.5)) continue;
      const uplifted = year.equals(AcademicYear.of(2023)) && decision.awardAmountPounds > 1500;
      const award = uplifted && random.chance(0.3) ? decision.awardAmountPounds - 500 : null;
      claims.push({
        trn: teacher.trn,
        academicYear: year,
        urn: decision.urn!,
        subject: decision.subject,
        awardAmountPounds: award ?? decision.awardAmountPounds,
        claimedOn,
      });
      // Claimed before the uplift on the school's list, then topped up to the new amount.
      if (award !== null) {
        topUps.push({
          trn: teacher.trn,
          academicYear: year,
          amountPounds: 500,
          createdOn: '2024-05-01',
        });
      }
    }
  }
  return { teachers, awardLists, claims, topUps };
}
