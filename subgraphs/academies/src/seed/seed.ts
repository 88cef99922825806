import type { MikroORM } from '@estate/subgraph-kit';
import { SchoolLinkEntity } from '../modules/link/link.entity';
import { LocalAuthorityEntity } from '../modules/local-authority/local-authority.entity';
import { SchoolEntity } from '../modules/school/school.entity';
import { TrustEntity, TrustMembershipEntity } from '../modules/trust/trust.entity';
import { generateDemoEstate } from './demo-estate';
import type { Estate } from './estate';
import { generateNationalEstate } from './national-estate';

const INSERT_CHUNK = 2_000;

export async function hasSchools(orm: MikroORM): Promise<boolean> {
  const [row] = await orm.em
    .getConnection()
    .execute<{ found: boolean }[]>('select exists (select 1 from academies.school) as found');
  return Boolean(row?.found);
}

/** Rows written so far out of all the estate's rows, for a progress line on large seeds. */
export type SeedProgress = (written: number, total: number) => void;

/** Writes a whole estate in one transaction: a failed seed leaves nothing behind. */
export async function writeEstate(
  orm: MikroORM,
  estate: Estate,
  onProgress?: SeedProgress,
): Promise<void> {
  const total = Object.values(estate).reduce((sum, rows: unknown[]) => sum + rows.length, 0);
  let written = 0;
  await orm.em.fork().transactional(async (em) => {
    const insert = async <T extends object>(entity: new () => T, rows: object[]) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK) as T[];
        await em.insertMany(entity, chunk);
        written += chunk.length;
        onProgress?.(written, total);
      }
    };
    await insert(LocalAuthorityEntity, estate.localAuthorities);
    await insert(SchoolEntity, estate.schools);
    await insert(TrustEntity, estate.trusts);
    await insert(TrustMembershipEntity, estate.memberships);
    await insert(SchoolLinkEntity, estate.links);
  });
}

export async function seedDemo(orm: MikroORM): Promise<Estate> {
  const estate = generateDemoEstate();
  await writeEstate(orm, estate);
  return estate;
}

export async function seedNational(orm: MikroORM, onProgress?: SeedProgress): Promise<Estate> {
  const estate = generateNationalEstate();
  await writeEstate(orm, estate, onProgress);
  return estate;
}
