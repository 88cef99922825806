import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import type { Estate } from '@estate/academies/src/seed/estate';
import { writeEstate } from '@estate/academies/src/seed/seed';
import { migrate } from '@estate/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import { SUBGRAPHS } from '../../schema/subgraphs';

/**
 * The bench's own trusts: no real or generated trust runs 50 or 200 schools, so three are laid
 * over the demo estate's open schools, which keep their real trusts too. The demo's inspections,
 * teachers and registers belong to those schools, so each part of the trust query does real work.
 */
export const BENCH_TRUST_SIZES = [5, 50, 200] as const;
export type BenchTrustSize = (typeof BENCH_TRUST_SIZES)[number];

/** How many 50-school trusts the realistic mix draws from, each over a different slice of schools. */
export const REALISTIC_TRUSTS_OF_50 = 8;

export interface BenchTrust {
  groupUid: string;
  size: number;
}

export function benchTrustGroupUid(size: number, variant = 0): string {
  return `9${variant}${String(size).padStart(4, '0')}`;
}

const BENCH_TRUSTS_JOINED_ON = '2020-09-01';

export interface BenchEstate {
  estate: Estate;
  /** Open schools of the estate, which the realistic mix draws from. */
  openSchoolUrns: number[];
  localAuthorityCodes: string[];
  /** The SQL scenario's trusts of 5, 50 and 200 schools; the 50 is also the flood's trust. */
  growingTrusts: Record<BenchTrustSize, BenchTrust>;
  /** Trusts of 50 schools for the realistic mix. */
  trustsOf50: BenchTrust[];
}

export function buildBenchEstate(): BenchEstate {
  const estate = generateDemoEstate();
  const openSchoolUrns = estate.schools
    .filter((school) => school.closedOn === null || school.closedOn === undefined)
    .map((school) => school.urn)
    .sort((a, b) => a - b);
  const template = estate.trusts[0]!;
  const wanted: { size: number; variant: number }[] = [
    ...BENCH_TRUST_SIZES.map((size) => ({ size, variant: 0 })),
    ...Array.from({ length: REALISTIC_TRUSTS_OF_50 - 1 }, (_, i) => ({ size: 50, variant: i + 1 })),
  ];
  for (const { size, variant } of wanted) {
    const groupUid = benchTrustGroupUid(size, variant);
    estate.trusts.push({
      ...template,
      groupUid,
      groupId: `TR${groupUid}`,
      name: `Bench Trust ${variant} of ${size} Schools`,
      typeCode: '06',
      companiesHouseNumber: null,
      ukprn: null,
      status: 'OPEN',
      openedOn: BENCH_TRUSTS_JOINED_ON,
      closedOn: null,
    });
    // Spread over the whole estate, so that each size reaches schools of every LA and phase.
    const step = openSchoolUrns.length / size;
    for (let i = 0; i < size; i += 1) {
      estate.memberships.push({
        groupUid,
        urn: openSchoolUrns[(Math.floor(i * step) + variant) % openSchoolUrns.length]!,
        joinedOn: BENCH_TRUSTS_JOINED_ON,
        leftOn: null,
      });
    }
  }
  const trust = (size: number, variant = 0) => ({
    groupUid: benchTrustGroupUid(size, variant),
    size,
  });
  return {
    estate,
    openSchoolUrns,
    localAuthorityCodes: estate.localAuthorities.map((la) => la.code),
    growingTrusts: { 5: trust(5), 50: trust(50), 200: trust(200) },
    trustsOf50: Array.from({ length: REALISTIC_TRUSTS_OF_50 }, (_, variant) => trust(50, variant)),
  };
}

/**
 * A database of its own on the server in DATABASE_URL: every subgraph migrated and seeded with the
 * demo estate, academies with the bench trusts added. Dropped by the caller at the end.
 */
export async function createBenchDatabase(bench: BenchEstate): Promise<TestDatabase> {
  const database = await createTestDatabase('bench');
  try {
    for (const entry of SUBGRAPHS) {
      const subgraph = await entry.load();
      const orm = await subgraph.createOrm(database.url);
      try {
        await migrate(orm, subgraph.schema);
        if (subgraph.name === 'academies') await writeEstate(orm, bench.estate);
        else await subgraph.seed(orm, 'demo');
      } finally {
        await orm.close();
      }
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}
