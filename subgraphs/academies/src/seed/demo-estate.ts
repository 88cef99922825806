import { SeededRandom } from '@estate/subgraph-kit';
import type { Estate } from './estate';
import { type AreaLook, EstateBuilder, type EstateShape, type PhaseKind } from './estate-builder';

/**
 * The demo estate: six real local authorities with made-up but realistically shaped schools, trusts,
 * dated memberships and academy conversions. The same seed always yields the same estate, so tests
 * and other subgraphs' seeds can rely on it.
 */
export const DEMO_SEED = 20_241_202;

interface AreaSpec extends AreaLook {
  name: string;
  gssCode: string;
  schools: number;
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

const PHASE_MIX: [PhaseKind, number][] = [
  ['primary', 74],
  ['secondary', 15],
  ['special', 6],
  ['nursery', 3],
  ['allThrough', 2],
];

export const DEMO_SHAPE: EstateShape = {
  academyShare: {
    nursery: 0,
    primary: 0.34,
    secondary: 0.8,
    special: 0.45,
    allThrough: 0.7,
    alternativeProvision: 0.45,
    sixteenPlus: 1,
  },
  firstMaintainedUrn: 111_000,
  firstAcademyUrn: 136_000,
  academyUrnGap: 40,
  trusts: { matShare: 0.65, academiesPerMat: 6, moveChance: 0.12, skewedMatSizes: false },
};

export function generateDemoEstate(seed: number = DEMO_SEED): Estate {
  const random = new SeededRandom(seed);
  const builder = new EstateBuilder(random, DEMO_SHAPE);
  for (const area of AREAS) {
    builder.addLocalAuthority(area);
    for (let i = 0; i < area.schools; i += 1) builder.addSchool(area, random.weighted(PHASE_MIX));
  }
  return builder.finish();
}
