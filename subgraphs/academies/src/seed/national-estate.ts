import { SeededRandom } from '@estate/subgraph-kit';
import { ENGLAND_LOCAL_AUTHORITIES, type EnglandLocalAuthority } from './england-local-authorities';
import type { Estate } from './estate';
import { type AreaLook, EstateBuilder, type EstateShape, type PhaseKind } from './estate-builder';

/**
 * An England-sized estate for benchmarks and data engineering: the 153 real local authorities,
 * each with as many state-funded primary, secondary and special schools as DfE counted there in
 * 2025/26, plus nursery schools, alternative provision and 16-19 providers in national proportions
 * (about 21,800 open schools). Academies are about 40 % of schools and 80 % of secondaries, as in
 * GIAS; conversions carry their closed predecessor and Predecessor/Successor links, and about
 * 2,500 trusts hold dated memberships. Names, addresses and figures are made up.
 */
export const NATIONAL_SEED = 20_250_422;

export const NATIONAL_SHAPE: EstateShape = {
  academyShare: {
    nursery: 0.01,
    primary: 0.35,
    secondary: 0.8,
    special: 0.45,
    allThrough: 0.75,
    alternativeProvision: 0.45,
    sixteenPlus: 1,
  },
  firstMaintainedUrn: 100_000,
  firstAcademyUrn: 136_000,
  academyUrnGap: 2,
  trusts: { matShare: 0.85, academiesPerMat: 6.5, moveChance: 0.04, skewedMatSizes: true },
};

/** Kinds of school DfE's attendance counts leave out, as shares of the kinds they count. */
const NURSERIES_PER_PRIMARY = 0.023;
const ALTERNATIVE_PROVISION_PER_SCHOOL = 0.017;
const SIXTEEN_PLUS_PER_SECONDARY = 0.035;
const ALL_THROUGH_SHARE_OF_SECONDARIES = 0.05;

interface RegionLook {
  postcodeAreas: string[];
  fsmRange: [number, number];
}

const REGIONS: Record<string, RegionLook> = {
  'North East': { postcodeAreas: ['NE', 'SR', 'DH', 'TS', 'DL'], fsmRange: [14, 58] },
  'North West': { postcodeAreas: ['M', 'L', 'PR', 'BL', 'WA', 'CA', 'LA'], fsmRange: [10, 55] },
  'Yorkshire and The Humber': { postcodeAreas: ['LS', 'S', 'BD', 'HU', 'YO'], fsmRange: [9, 52] },
  'East Midlands': { postcodeAreas: ['NG', 'DE', 'LE', 'LN', 'NN'], fsmRange: [7, 45] },
  'West Midlands': { postcodeAreas: ['B', 'CV', 'WS', 'WV', 'ST', 'WR'], fsmRange: [8, 52] },
  'East of England': { postcodeAreas: ['CB', 'NR', 'IP', 'CM', 'LU', 'PE'], fsmRange: [5, 40] },
  London: { postcodeAreas: ['E', 'N', 'NW', 'SE', 'SW', 'W'], fsmRange: [10, 52] },
  'South East': { postcodeAreas: ['SO', 'PO', 'RG', 'GU', 'ME', 'BN', 'OX'], fsmRange: [4, 35] },
  'South West': { postcodeAreas: ['BS', 'EX', 'PL', 'BA', 'TA', 'GL'], fsmRange: [5, 38] },
};

const PLACE_STARTS = [
  'Ash',
  'Brook',
  'Church',
  'Elm',
  'Green',
  'Hill',
  'King',
  'Lang',
  'Mill',
  'North',
  'Oak',
  'South',
  'Stan',
  'West',
  'Wood',
  'East',
  'Bright',
  'Cold',
];
const PLACE_ENDS = ['bury', 'field', 'ford', 'ham', 'ley', 'ton', 'wick', 'worth', 'by', 'stead'];

function areaLookOf(random: SeededRandom, la: EnglandLocalAuthority): AreaLook {
  const region = REGIONS[la.region];
  if (!region) throw new Error(`No look for region ${la.region}`);
  const places = new Set<string>();
  const wanted = 10 + Math.min(20, Math.round((la.primarySchools + la.secondarySchools) / 20));
  while (places.size < wanted) places.add(random.pick(PLACE_STARTS) + random.pick(PLACE_ENDS));
  return {
    code: la.code,
    region: la.region,
    town: la.region === 'London' ? 'London' : la.name.replace(/, City of$/, ''),
    postcodeArea: random.pick(region.postcodeAreas),
    fsmRange: region.fsmRange,
    places: [...places],
  };
}

function phasesOf(random: SeededRandom, la: EnglandLocalAuthority): PhaseKind[] {
  const allThrough = Math.round(la.secondarySchools * ALL_THROUGH_SHARE_OF_SECONDARIES);
  const counts: [PhaseKind, number][] = [
    ['primary', la.primarySchools],
    ['secondary', la.secondarySchools - allThrough],
    ['allThrough', allThrough],
    ['special', la.specialSchools],
    ['nursery', Math.round(la.primarySchools * NURSERIES_PER_PRIMARY)],
    [
      'alternativeProvision',
      Math.round((la.primarySchools + la.secondarySchools) * ALTERNATIVE_PROVISION_PER_SCHOOL),
    ],
    ['sixteenPlus', Math.round(la.secondarySchools * SIXTEEN_PLUS_PER_SECONDARY)],
  ];
  const phases = counts.flatMap(([phase, count]) => Array<PhaseKind>(count).fill(phase));
  // Shuffled so that URNs are not grouped by phase within an LA.
  for (let i = phases.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [phases[i], phases[j]] = [phases[j]!, phases[i]!];
  }
  return phases;
}

export function generateNationalEstate(
  seed: number = NATIONAL_SEED,
  localAuthorities: readonly EnglandLocalAuthority[] = ENGLAND_LOCAL_AUTHORITIES,
): Estate {
  const random = new SeededRandom(seed);
  const builder = new EstateBuilder(random, NATIONAL_SHAPE);
  for (const la of localAuthorities) {
    builder.addLocalAuthority(la);
    const area = areaLookOf(random, la);
    for (const phase of phasesOf(random, la)) builder.addSchool(area, phase);
  }
  return builder.finish();
}
