import { addDays, SeededRandom } from '@estate/subgraph-kit';
import type { Estate } from './estate';

/**
 * What the demo and national estates share: how one school (and, when it converts, its closed
 * predecessor and their links) is made up, and how academies are grouped into trusts. The order of
 * random draws is part of each estate's identity, so changes here change every generated row.
 */
export type PhaseKind =
  | 'nursery'
  | 'primary'
  | 'secondary'
  | 'special'
  | 'allThrough'
  | 'alternativeProvision'
  | 'sixteenPlus';

export const PHASE_SHAPE: Record<
  PhaseKind,
  { phaseCode: number; ages: [number, number]; pupils: [number, number]; estabBase: number }
> = {
  nursery: { phaseCode: 1, ages: [2, 5], pupils: [40, 120], estabBase: 1000 },
  primary: { phaseCode: 2, ages: [4, 11], pupils: [120, 650], estabBase: 2000 },
  secondary: { phaseCode: 4, ages: [11, 18], pupils: [600, 1800], estabBase: 4000 },
  special: { phaseCode: 0, ages: [2, 19], pupils: [40, 260], estabBase: 7000 },
  allThrough: { phaseCode: 7, ages: [4, 18], pupils: [900, 2000], estabBase: 4500 },
  alternativeProvision: { phaseCode: 0, ages: [11, 16], pupils: [10, 120], estabBase: 1100 },
  sixteenPlus: { phaseCode: 6, ages: [16, 19], pupils: [150, 900], estabBase: 4800 },
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
  pupilReferralUnit: { code: 14, name: 'Pupil referral unit', group: 4 },
  nursery: { code: 15, name: 'Local authority nursery school', group: 4 },
  furtherEducation: { code: 18, name: 'Further education', group: 1 },
  sponsored: { code: 28, name: 'Academy sponsor led', group: 10 },
  specialSponsored: { code: 33, name: 'Academy special sponsor led', group: 10 },
  converter: { code: 34, name: 'Academy converter', group: 10 },
  specialConverter: { code: 44, name: 'Academy special converter', group: 10 },
  apConverter: { code: 42, name: 'Academy alternative provision converter', group: 10 },
  apSponsored: { code: 43, name: 'Academy alternative provision sponsor led', group: 10 },
  sixteenConverter: { code: 45, name: 'Academy 16-19 converter', group: 10 },
  sixteenSponsored: { code: 46, name: 'Academy 16 to 19 sponsor led', group: 10 },
  freeSchool: { code: 35, name: 'Free schools', group: 11 },
  freeSchoolSpecial: { code: 36, name: 'Free schools special', group: 11 },
  freeSchoolAp: { code: 38, name: 'Free schools alternative provision', group: 11 },
  freeSchoolSixteen: { code: 39, name: 'Free schools 16 to 19', group: 11 },
} as const satisfies Record<string, EstablishmentType>;

const TYPE_GROUP_NAMES: Record<number, string> = {
  1: 'Colleges',
  4: 'Local authority maintained schools',
  5: 'Special schools',
  10: 'Academies',
  11: 'Free Schools',
};

type AcademyRoute = 'converter' | 'sponsored' | 'free';

/** Academy types by phase and route; phases not listed use the mainstream types. */
const ACADEMY_TYPES: Partial<Record<PhaseKind, Record<AcademyRoute, EstablishmentType>>> = {
  special: {
    converter: TYPES.specialConverter,
    sponsored: TYPES.specialSponsored,
    free: TYPES.freeSchoolSpecial,
  },
  alternativeProvision: {
    converter: TYPES.apConverter,
    sponsored: TYPES.apSponsored,
    free: TYPES.freeSchoolAp,
  },
  sixteenPlus: {
    converter: TYPES.sixteenConverter,
    sponsored: TYPES.sixteenSponsored,
    free: TYPES.freeSchoolSixteen,
  },
};
const MAINSTREAM_ACADEMY_TYPES: Record<AcademyRoute, EstablishmentType> = {
  converter: TYPES.converter,
  sponsored: TYPES.sponsored,
  free: TYPES.freeSchool,
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

/** An area's look: where its schools are and how deprived they tend to be. */
export interface AreaLook {
  code: string;
  region: string;
  town: string;
  postcodeArea: string;
  fsmRange: [number, number];
  places: string[];
}

interface AcademyPlan {
  urn: number;
  laCode: string;
  region: string;
  openedOn: string;
  phase: PhaseKind;
  sponsored: boolean;
}

export interface EstateShape {
  /** Chance that a school of each phase is an academy today. */
  academyShare: Record<PhaseKind, number>;
  firstMaintainedUrn: number;
  firstAcademyUrn: number;
  /** Academy URNs are issued with gaps of up to this many, as GIAS's are. */
  academyUrnGap: number;
  trusts: TrustShape;
}

export interface TrustShape {
  /** Chance that an academy not sponsored (sponsored ones always are) is in a multi-academy trust. */
  matShare: number;
  /** Academies per multi-academy trust, on average, within a region. */
  academiesPerMat: number;
  /** Chance that an academy moved to its MAT from a single-academy trust it left. */
  moveChance: number;
  /**
   * Multi-academy trusts vary in size as real ones do, a few large and many small, instead of all
   * being about the average size.
   */
  skewedMatSizes: boolean;
}

/** Builds an estate area by area and school by school, then groups the academies into trusts. */
export class EstateBuilder {
  readonly estate: Estate = {
    localAuthorities: [],
    schools: [],
    trusts: [],
    memberships: [],
    links: [],
  };
  private nextMaintainedUrn: number;
  private nextAcademyUrn: number;
  private readonly academies: AcademyPlan[] = [];
  private readonly estabCounters = new Map<string, number>();

  constructor(
    private readonly random: SeededRandom,
    private readonly shape: EstateShape,
  ) {
    this.nextMaintainedUrn = shape.firstMaintainedUrn;
    this.nextAcademyUrn = shape.firstAcademyUrn;
  }

  addLocalAuthority(la: { code: string; name: string; gssCode: string; region: string }): void {
    this.estate.localAuthorities.push({
      code: la.code,
      name: la.name,
      gssCode: la.gssCode,
      region: la.region,
    });
  }

  private nextEstab(laCode: string, base: number): number {
    const key = `${laCode}|${base}`;
    const next = (this.estabCounters.get(key) ?? 0) + 1;
    this.estabCounters.set(key, next);
    return base + next;
  }

  /** One school open today; a converted or sponsored academy also gets its closed predecessor. */
  addSchool(area: AreaLook, phase: PhaseKind): void {
    const { random, estate } = this;
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
    const becomesAcademy = random.chance(this.shape.academyShare[phase]);
    const maintainedType = this.maintainedType(phase, faith);
    const establishmentNumber = this.nextEstab(area.code, shape.estabBase);
    const maintainedOpened = `${random.int(1950, 2005)}-09-01`;

    if (!becomesAcademy) {
      estate.schools.push({
        urn: this.nextMaintainedUrn++,
        establishmentNumber,
        name: baseName,
        ...typeFields(maintainedType),
        statusCode: random.chance(0.03) ? 3 : 1,
        openedOn: random.chance(0.5) ? maintainedOpened : null,
        closedOn: null,
        reasonOpened: 'Not applicable',
        reasonClosed: null,
        ukprn: ukprn(random),
        ...common,
      });
      return;
    }

    const route = random.weighted<AcademyRoute>([
      ['converter', 62],
      ['sponsored', 26],
      ['free', 12],
    ]);
    const openedOn = `${random.int(2011, 2025)}${random.pick(CONVERSION_MONTHS)}`;
    const academyUrn = this.nextAcademyUrn + random.int(0, this.shape.academyUrnGap);
    this.nextAcademyUrn = academyUrn + 1;
    const academyType = (ACADEMY_TYPES[phase] ?? MAINSTREAM_ACADEMY_TYPES)[route];
    estate.schools.push({
      urn: academyUrn,
      establishmentNumber:
        route === 'free' ? this.nextEstab(area.code, shape.estabBase) : establishmentNumber,
      name: route === 'free' ? `${place} Free School` : academyName(baseName, phase),
      ...typeFields(academyType),
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
    this.academies.push({
      urn: academyUrn,
      laCode: area.code,
      region: area.region,
      openedOn,
      phase,
      sponsored: route === 'sponsored',
    });
    if (route === 'free') return;

    const predecessorUrn = this.nextMaintainedUrn++;
    estate.schools.push({
      urn: predecessorUrn,
      establishmentNumber,
      name: baseName,
      ...typeFields(maintainedType),
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

  private maintainedType(phase: PhaseKind, faith: boolean): EstablishmentType {
    if (phase === 'special') return TYPES.communitySpecial;
    if (phase === 'nursery') return TYPES.nursery;
    if (phase === 'alternativeProvision') return TYPES.pupilReferralUnit;
    if (phase === 'sixteenPlus') return TYPES.furtherEducation;
    if (faith) return TYPES.voluntaryAided;
    return this.random.weighted<EstablishmentType>([
      [TYPES.community, 70],
      [TYPES.voluntaryControlled, 15],
      [TYPES.foundation, 15],
    ]);
  }

  /** Groups the academies added so far into trusts, with dated memberships, and returns the estate. */
  finish(): Estate {
    assignTrusts(this.random, this.academies, this.estate, this.shape.trusts);
    return this.estate;
  }
}

function typeFields(type: EstablishmentType) {
  return {
    typeCode: type.code,
    typeName: type.name,
    typeGroupCode: type.group,
    typeGroupName: TYPE_GROUP_NAMES[type.group]!,
  };
}

function phaseLabel(phase: PhaseKind): string {
  return {
    nursery: 'Nursery School',
    primary: 'Primary School',
    secondary: 'School',
    special: 'Special School',
    allThrough: 'All-Through School',
    alternativeProvision: 'Learning Centre',
    sixteenPlus: 'Sixth Form College',
  }[phase];
}

function academyName(maintainedName: string, phase: PhaseKind): string {
  if (phase === 'alternativeProvision' || phase === 'sixteenPlus')
    return `${maintainedName} Academy`;
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
function assignTrusts(
  random: SeededRandom,
  academies: AcademyPlan[],
  estate: Estate,
  shape: TrustShape,
): void {
  let nextUid = 2_100;
  const newTrust = (typeCode: '06' | '10', name: string, openedOn: string) => {
    nextUid += random.int(3, 60);
    const trust: Estate['trusts'][number] = {
      groupUid: String(nextUid),
      groupId: `TR0${String(nextUid).padStart(4, '0')}`,
      name,
      typeCode,
      companiesHouseNumber: `0${String(random.int(6_000_000, 9_999_999))}`,
      ukprn: ukprn(random),
      status: 'OPEN',
      openedOn,
      closedOn: null,
    };
    estate.trusts.push(trust);
    return trust;
  };

  const byRegion = new Map<string, AcademyPlan[]>();
  for (const academy of academies) {
    const members = byRegion.get(academy.region);
    if (members) members.push(academy);
    else byRegion.set(academy.region, [academy]);
  }
  const usedNames = new Set<string>();
  const trustName = (place: string) => {
    for (let attempt = 0; ; attempt += 1) {
      const name = `${random.pick(TRUST_NAMES)} ${random.pick(TRUST_WORDS)} Trust`;
      // Two names per place cover the demo; a national estate runs out and numbers them.
      const full = !usedNames.has(name)
        ? name
        : attempt < 20
          ? `${name} (${place})`
          : `${name} (${place} ${usedNames.size})`;
      if (!usedNames.has(full)) {
        usedNames.add(full);
        return full;
      }
    }
  };

  for (const [region, members] of byRegion) {
    const inMat = new Set(members.filter((a) => a.sponsored || random.chance(shape.matShare)));
    const standalone = members.filter((a) => !inMat.has(a));
    const matCount = Math.max(1, Math.round(inMat.size / shape.academiesPerMat));
    const mats = Array.from(
      { length: matCount },
      () => newTrust('06', trustName(region), `2010-0${random.int(1, 9)}-01`).groupUid,
    );
    const weightedMats = mats.map((uid, index) => [uid, 1 / (index + 1) ** 0.4] as const);
    for (const academy of inMat) {
      const groupUid = shape.skewedMatSizes ? random.weighted(weightedMats) : random.pick(mats);
      const moves = random.chance(shape.moveChance) && academy.openedOn < '2022-01-01';
      if (moves) {
        const movedOn = `${random.int(Number(academy.openedOn.slice(0, 4)) + 2, 2025)}-09-01`;
        const sat = newTrust(
          '10',
          `${trustName(region).replace(/ Trust$/, '')} Academy Trust`,
          academy.openedOn,
        );
        sat.status = 'CLOSED';
        sat.closedOn = addDays(movedOn, -1);
        estate.memberships.push(
          { groupUid: sat.groupUid, urn: academy.urn, joinedOn: academy.openedOn, leftOn: movedOn },
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
      const { groupUid } = newTrust(
        '10',
        `${trustName(region).replace(/ Trust$/, '')} Academy Trust`,
        academy.openedOn,
      );
      estate.memberships.push({
        groupUid,
        urn: academy.urn,
        joinedOn: academy.openedOn,
        leftOn: null,
      });
    }
  }
}
