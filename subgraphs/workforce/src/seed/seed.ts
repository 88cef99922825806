import type { MikroORM } from '@estate/subgraph-kit';
import {
  PremiumAwardEntity,
  PremiumAwardUploadEntity,
} from '../modules/premium-award/premium-award.entity';
import {
  PremiumClaimEntity,
  PremiumTopUpEntity,
} from '../modules/premium-claim/premium-claim.entity';
import { assertValidTeachers } from '../domain/teacher';
import { writeTeachers } from '../modules/teacher/teacher.service';
import { type DemoWorkforce, generateDemoWorkforce } from './demo-workforce';

const INSERT_CHUNK = 2_000;

export async function hasTeachers(orm: MikroORM): Promise<boolean> {
  const [row] = await orm.em
    .getConnection()
    .execute<{ found: boolean }[]>('select exists (select 1 from workforce.teacher) as found');
  return Boolean(row?.found);
}

/** Writes the whole demo workforce in one transaction: a failed seed leaves nothing behind. */
export async function writeWorkforce(orm: MikroORM, workforce: DemoWorkforce): Promise<void> {
  // The seed goes through the same checks as the feeds do.
  assertValidTeachers(workforce.teachers);
  await orm.em.fork().transactional(async (em) => {
    const insert = async <T extends object>(entity: new () => T, rows: object[]) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await em.insertMany(entity, rows.slice(i, i + INSERT_CHUNK) as T[]);
      }
    };
    await writeTeachers(em, workforce.teachers);
    for (const list of workforce.awardLists) {
      const rows = [...list.awardPoundsByUrn].map(([urn, awardAmountPounds]) => ({
        academicYear: list.academicYear.startYear,
        urn,
        awardAmountPounds,
      }));
      await insert(PremiumAwardEntity, rows);
      await insert(PremiumAwardUploadEntity, [
        { academicYear: list.academicYear.startYear, source: 'seed:demo', schools: rows.length },
      ]);
    }
    await insert(
      PremiumClaimEntity,
      workforce.claims.map((claim) => ({ ...claim, academicYear: claim.academicYear.startYear })),
    );
    await insert(
      PremiumTopUpEntity,
      workforce.topUps.map((topUp) => ({ ...topUp, academicYear: topUp.academicYear.startYear })),
    );
  });
}

export async function seedDemo(orm: MikroORM): Promise<DemoWorkforce> {
  const workforce = generateDemoWorkforce();
  await writeWorkforce(orm, workforce);
  return workforce;
}
