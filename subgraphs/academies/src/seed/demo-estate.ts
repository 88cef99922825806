import { addDays, SeededRandom } from '@estate/subgraph-kit';
import type { Estate } from './estate';

/**
 * The demo estate: six real local authorities with made-up but realistically shaped schools, trusts,
 * dated memberships and academy conversions. The same seed always yields the same estate, so tests
 * and other subgraphs' seeds can rely on it.
 */
export const DEMO_SEED = 20_241_202;

interface AreaSpec {
  code: string;
  name: string;
  gssCode: string;
  region: string;
  town: string;
  postcodeArea: string;
  schools: number;
  fsmRange: [number, number];
  places: string[];
}

const AREAS: AreaSpec[] = [
  {
    code: '806',
    name: 'Middlesbrough',
    gssCode: 'E06000002',
    region: 'North East',
    town: 'Middlesbrough',
    postcodeArea: 'TS',
    schools: 46,
    fsmRange: [28, 62],
    places: [
      'Acklam',
      'Linthorpe',
      'Marton',
      'Hemlington',
      'Berwick Hills',
      'Coulby Newham',
      'Nunthorpe',
      'Park End',
      'Pallister',
      'Easterside',
      'Thorntree',
      'North Ormesby',
      'Grove Hill',
      'Ayresome',
      'Brambles Farm',
      'Kader',
    ],
  },
  {
    code: '805',
    name: 'Hartlepool',
    gssCode: 'E06000001',
    region: 'North East',
    town: 'Hartlepool',
    postcodeArea: 'TS',
    schools: 34,
    fsmRange: [22, 55],
    places: [
      'Seaton Carew',
      'Throston',
      'Rift House',
      'Owton Manor',
      'Fens',
      'Hart',
      'Greatham',
      'Elwick',
      'Clavering',
      'Headland',
    ],
  },
  {
    code: '807',
    name: 'Redcar and Cleveland',
    gssCode: 'E06000003',
    region: 'North East',
    town: 'Redcar',
    postcodeArea: 'TS',
    schools: 44,
    fsmRange: [18, 50],
    places: [
      'Dormanstown',
      'Eston',
      'Grangetown',
      'Guisborough',
      'Saltburn',
      'Marske',
      'Skelton',
      'Brotton',
      'Loftus',
      'Normanby',
      'Ormesby',
      'Kirkleatham',
    ],
  },
  {
    code: '808',
    name: 'Stockton-on-Tees',
    gssCode: 'E06000004',
    region: 'North East',
    town: 'Stockton-on-Tees',
    postcodeArea: 'TS',
    schools: 58,
    fsmRange: [10, 45],
    places: [
      'Billingham',
      'Norton',
      'Thornaby',
      'Yarm',
      'Ingleby Barwick',
      'Eaglescliffe',
      'Fairfield',
      'Hardwick',
      'Roseworth',
      'Stillington',
      'Wolviston',
      'Hartburn',
    ],
  },
  {
    code: '202',
    name: 'Camden',
    gssCode: 'E09000007',
    region: 'London',
    town: 'London',
    postcodeArea: 'NW',
    schools: 52,
    fsmRange: [15, 48],
    places: [
      'Kentish Town',
      'Gospel Oak',
      'Belsize',
      'Hampstead',
      'Somers Town',
      'Kilburn',
      'Holborn',
      'Primrose Hill',
      'West Hampstead',
      'Fitzrovia',
      'Swiss Cottage',
      'Highgate',
    ],
  },
  {
    code: '850',
    name: 'Hampshire',
    gssCode: 'E10000014',
    region: 'South East',
    town: 'Winchester',
    postcodeArea: 'SO',
    schools: 88,
    fsmRange: [4, 26],
    places: [
      'Alton',
      'Andover',
      'Basingstoke',
      'Eastleigh',
      'Fareham',
      'Fleet',
      'Havant',
      'Lymington',
      'Petersfield',
      'Romsey',
      'Ringwood',
      'Whitchurch',
      'Bishops Waltham',
      'Chandlers Ford',
      'Totton',
      'Waterlooville',
    ],
  },
];

type PhaseKind = 'nursery' | 'primary' | 'secondary' | 'special' | 'allThrough';

const PHASE_MIX: [PhaseKind, number][] = [
  ['primary', 74],
  ['secondary', 15],
  ['special', 6],
  ['nursery', 3],
  ['allThrough', 2],
];

const ACADEMY_SHARE: Record<PhaseKind, number> = {
  nursery: 0,
  primary: 0.34,
  secondary: 0.8,
  special: 0.45,
  allThrough: 0.7,
};

const PHASE_SHAPE: Record<
  PhaseKind,
  { phaseCode: number; ages: [number, number]; pupils: [number, number]; estabBase: number }
> = {
  nursery: { phaseCode: 1, ages: [2, 5], pupils: [40, 120], estabBase: 1000 },
  primary: { phaseCode: 2, ages: [4, 11], pupils: [120, 650], estabBase: 2000 },
  secondary: { phaseCode: 4, ages: [11, 18], pupils: [600, 1800], estabBase: 4000 },
  special: { phaseCode: 0, ages: [2, 19], pupils: [40, 260], estabBase: 7000 },
  allThrough: { phaseCode: 7, ages: [4, 18], pupils: [900, 2000], estabBase: 4500 },
};

interface EstablishmentType {
  code: number;
  name: string;
  group: number;
}

const TYPES = {
  community: { code: 1, name: 'Community school', group: 4 },
  voluntaryAided: { code: 2, name: 'Voluntary aided school', group: 4 },
  voluntaryControlled: { code: 3, name: 'Voluntary controlled school', group: 4 },
  foundation: { code: 5, name: 'Foundation school', group: 4 },
  communitySpecial: { code: 7, name: 'Community special school', group: 5 },
  nursery: { code: 15, name: 'Local authority nursery school', group: 4 },
  sponsored: { code: 28, name: 'Academy sponsor led', group: 10 },
  specialSponsored: { code: 33, name: 'Academy special sponsor led', group: 10 },
  converter: { code: 34, name: 'Academy converter', group: 10 },
  specialConverter: { code: 44, name: 'Academy special converter', group: 10 },
  freeSchool: { code: 35, name: 'Free schools', group: 11 },
  freeSchoolSpecial: { code: 36, name: 'Free schools special', group: 11 },
} as const satisfies Record<string, EstablishmentType>;

const TYPE_GROUP_NAMES: Record<number, string> = {
  4: 'Local authority maintained schools',
  5: 'Special schools',
  10: 'Academies',
  11: 'Free Schools',
};

const SAINTS = [
  'Mary',
  'Joseph',
  'Peter',
  'Patrick',
  'Thomas',
  'Bede',
  'Hilda',
  'Cuthbert',
  'Margaret',
  'Aidan',
];
const TRUST_WORDS = ['Learning', 'Education', 'Schools', 'Academies', 'Partnership', 'Community'];
const TRUST_NAMES = [
  'Northern Star',
  'Tees Valley',
  'River',
  'Heritage',
  'Aspire',
  'Horizon',
  'Oak',
  'Beacon',
  'Compass',
  'Endeavour',
  'Pioneer',
  'Unity',
  'Ascent',
  'Meadow',
  'Harbour',
  'Summit',
];
const CONVERSION_MONTHS = ['-09-01', '-04-01', '-01-01', '-06-01'];

interface AcademyPlan {
  urn: number;
  name: string;
  laCode: string;
  region: string;
  openedOn: string;
  phase: PhaseKind;
  sponsored: boolean;
}

export function generateDemoEstate(seed: number = DEMO_SEED): Estate {
  const random = new SeededRandom(seed);
  const estate: Estate = {
    localAuthorities: [],
    schools: [],
    trusts: [],
    memberships: [],
    links: [],
  };
  let nextMaintainedUrn = 111_000;
  let nextAcademyUrn = 136_000;
  const academies: AcademyPlan[] = [];

  for (const area of AREAS) {
    estate.localAuthorities.push({
      code: area.code,
      name: area.name,
      gssCode: area.gssCode,
      region: area.region,
    });
    const estabCounters: Record<number, number> = {};
    const nextEstab = (base: number) => {
      estabCounters[base] = (estabCounters[base] ?? 0) + 1;
      return base + estabCounters[base]!;
    };

    for (let i = 0; i < area.schools; i += 1) {
      const phase = random.weighted(PHASE_MIX);
      const shape = PHASE_SHAPE[phase];
      const place = random.pick(area.places);
      const faith = phase === 'primary' && random.chance(0.2);
      const baseName = faith
        ? `St ${random.pick(SAINTS)}'s RC Primary School, ${place}`
        : `${place} ${phaseLabel(phase)}`;
      const address = {
        street: `${random.int(1, 240)} ${place} Road`,
        locality: place,
        town: area.town,
        postcode: `${area.postcodeArea}${random.int(1, 25)} ${random.int(1, 9)}${letter(random)}${letter(random)}`,
        region: area.region,
      };
      const common = {
        laCode: area.code,
        phaseCode: shape.phaseCode,
        statutoryLowAge: shape.ages[0],
        statutoryHighAge: phase === 'secondary' && random.chance(0.4) ? 16 : shape.ages[1],
        numberOfPupils: random.int(...shape.pupils),
        percentageFsm: Math.round(random.int(area.fsmRange[0] * 10, area.fsmRange[1] * 10)) / 10,
        ...address,
      };
      const becomesAcademy = random.chance(ACADEMY_SHARE[phase]);
      const maintainedType: EstablishmentType =
        phase === 'special'
          ? TYPES.communitySpecial
          : phase === 'nursery'
            ? TYPES.nursery
            : faith
              ? TYPES.voluntaryAided
              : random.weighted<EstablishmentType>([
                  [TYPES.community, 70],
                  [TYPES.voluntaryControlled, 15],
                  [TYPES.foundation, 15],
                ]);
      const establishmentNumber = nextEstab(shape.estabBase);
      const maintainedOpened = `${random.int(1950, 2005)}-09-01`;

      if (!becomesAcademy) {
        estate.schools.push({
          urn: nextMaintainedUrn++,
          establishmentNumber,
          name: baseName,
          typeCode: maintainedType.code,
          typeName: maintainedType.name,
          typeGroupCode: maintainedType.group,
          typeGroupName: TYPE_GROUP_NAMES[maintainedType.group]!,
          statusCode: random.chance(0.03) ? 3 : 1,
          openedOn: random.chance(0.5) ? maintainedOpened : null,
          closedOn: null,
          reasonOpened: 'Not applicable',
          reasonClosed: null,
          ukprn: ukprn(random),
          ...common,
        });
        continue;
      }

      const route = random.weighted([
        ['converter', 62],
        ['sponsored', 26],
        ['free', 12],
      ] as const);
      const openedOn = `${random.int(2011, 2025)}${random.pick(CONVERSION_MONTHS)}`;
      const academyUrn = nextAcademyUrn + random.int(0, 40);
      nextAcademyUrn = academyUrn + 1;
      const academyType: EstablishmentType =
        route === 'free'
          ? phase === 'special'
            ? TYPES.freeSchoolSpecial
            : TYPES.freeSchool
          : phase === 'special'
            ? route === 'converter'
              ? TYPES.specialConverter
              : TYPES.specialSponsored
            : route === 'converter'
              ? TYPES.converter
              : TYPES.sponsored;
      estate.schools.push({
        urn: academyUrn,
        establishmentNumber: route === 'free' ? nextEstab(shape.estabBase) : establishmentNumber,
        name: route === 'free' ? `${place} Free School` : academyName(baseName, phase),
        typeCode: academyType.code,
        typeName: academyType.name,
        typeGroupCode: academyType.group,
        typeGroupName: TYPE_GROUP_NAMES[academyType.group]!,
        statusCode: 1,
        openedOn,
        closedOn: null,
        reasonOpened:
          route === 'free'
            ? 'New Provision'
            : route === 'converter'
              ? 'Academy Converter'
              : 'Academy Sponsor Led',
        reasonClosed: null,
        ukprn: ukprn(random),
        ...common,
      });
      academies.push({
        urn: academyUrn,
        name: estate.schools[estate.schools.length - 1]!.name,
        laCode: area.code,
        region: area.region,
        openedOn,
        phase,
        sponsored: route === 'sponsored',
      });

      if (route !== 'free') {
        const predecessorUrn = nextMaintainedUrn++;
        estate.schools.push({
          urn: predecessorUrn,
          establishmentNumber,
          name: baseName,
          typeCode: maintainedType.code,
          typeName: maintainedType.name,
          typeGroupCode: maintainedType.group,
          typeGroupName: TYPE_GROUP_NAMES[maintainedType.group]!,
          statusCode: 2,
          openedOn: maintainedOpened,
          closedOn: addDays(openedOn, -1),
          reasonOpened: 'Not applicable',
          reasonClosed: route === 'converter' ? 'Academy Converter' : 'Academy Sponsor Led',
          ukprn: null,
          ...common,
        });
        estate.links.push(
          {
            urn: academyUrn,
            linkedUrn: predecessorUrn,
            linkType: 'Predecessor',
            establishedOn: openedOn,
          },
          {
            urn: predecessorUrn,
            linkedUrn: academyUrn,
            linkType: 'Successor',
            establishedOn: openedOn,
          },
        );
      }
    }
  }

  assignTrusts(random, academies, estate);
  return estate;
}

function phaseLabel(phase: PhaseKind): string {
  return {
    nursery: 'Nursery School',
    primary: 'Primary School',
    secondary: 'School',
    special: 'Special School',
    allThrough: 'All-Through School',
  }[phase];
}

function academyName(maintainedName: string, phase: PhaseKind): string {
  if (phase === 'secondary' || phase === 'allThrough') {
    return maintainedName.replace(/ (All-Through )?School$/, ' Academy');
  }
  return maintainedName.replace(/ School(,|$)/, ' Academy$1');
}

function letter(random: SeededRandom): string {
  return random.pick([...'ABDEFGHJLNPQRSTUWXYZ']);
}

function ukprn(random: SeededRandom): string {
  return `1${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

/**
 * Groups academies into multi-academy trusts within a region and single-academy trusts for the
 * rest. Some schools move between trusts, so membership on two dates can differ.
 */
function assignTrusts(random: SeededRandom, academies: AcademyPlan[], estate: Estate): void {
  let nextUid = 2_100;
  const newTrust = (typeCode: '06' | '10', name: string, openedOn: string) => {
    nextUid += random.int(3, 60);
    const groupUid = String(nextUid);
    estate.trusts.push({
      groupUid,
      groupId: `TR0${String(nextUid).padStart(4, '0')}`,
      name,
      typeCode,
      companiesHouseNumber: `0${String(random.int(6_000_000, 9_999_999))}`,
      ukprn: ukprn(random),
      status: 'OPEN',
      openedOn,
      closedOn: null,
    });
    return groupUid;
  };

  const byRegion = new Map<string, AcademyPlan[]>();
  for (const academy of academies) {
    byRegion.set(academy.region, [...(byRegion.get(academy.region) ?? []), academy]);
  }
  const usedNames = new Set<string>();
  const trustName = (place: string) => {
    for (;;) {
      const name = `${random.pick(TRUST_NAMES)} ${random.pick(TRUST_WORDS)} Trust`;
      const full = usedNames.has(name) ? `${name} (${place})` : name;
      if (!usedNames.has(full)) {
        usedNames.add(full);
        return full;
      }
    }
  };

  for (const [region, members] of byRegion) {
    const inMats = members.filter((a) => a.sponsored || random.chance(0.65));
    const standalone = members.filter((a) => !inMats.includes(a));
    const matCount = Math.max(1, Math.round(inMats.length / 6));
    const mats = Array.from({ length: matCount }, () =>
      newTrust('06', trustName(region), `2010-0${random.int(1, 9)}-01`),
    );
    for (const academy of inMats) {
      const groupUid = random.pick(mats);
      const moves = random.chance(0.12) && academy.openedOn < '2022-01-01';
      if (moves) {
        const movedOn = `${random.int(Number(academy.openedOn.slice(0, 4)) + 2, 2025)}-09-01`;
        const from = newTrust('10', `${academy.name} Trust`, academy.openedOn);
        const sat = estate.trusts.find((t) => t.groupUid === from)!;
        sat.status = 'CLOSED';
        sat.closedOn = addDays(movedOn, -1);
        estate.memberships.push(
          { groupUid: from, urn: academy.urn, joinedOn: academy.openedOn, leftOn: movedOn },
          { groupUid, urn: academy.urn, joinedOn: movedOn, leftOn: null },
        );
      } else {
        estate.memberships.push({
          groupUid,
          urn: academy.urn,
          joinedOn: academy.openedOn,
          leftOn: null,
        });
      }
    }
    for (const academy of standalone) {
      const groupUid = newTrust('10', `${academy.name} Trust`, academy.openedOn);
      estate.memberships.push({
        groupUid,
        urn: academy.urn,
        joinedOn: academy.openedOn,
        leftOn: null,
      });
    }
  }
}
