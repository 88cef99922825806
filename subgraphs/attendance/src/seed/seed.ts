import { groupBy, type MikroORM } from '@estate/subgraph-kit';
import { ingestRegister } from '../modules/register/ingestion';
import { asJson, runSql } from '../sql';
import { seedActingOnAbsence } from './acting-on-absence';
import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import {
  type NationalSeedOptions,
  type NationalSeedResult,
  rollupSchools,
  seedNationalRollups,
  seedSchoolRollups,
} from './national';
import {
  DEMO_REGISTER_SEED,
  DEMO_REGISTER_URNS,
  DEMO_VENDOR_AUTHORISATIONS,
  generateDemoRegisters,
  MIDDLESBROUGH_LA_CODE,
} from './demo-registers';

export async function hasRegisters(orm: MikroORM): Promise<boolean> {
  const [row] = await orm.em.getConnection().execute<{ found: boolean }[]>(
    `select exists (select 1 from attendance.enrolment)
         or exists (select 1 from attendance.daily_rollup) as found`,
  );
  return Boolean(row?.found);
}

/**
 * The demo registers, written through the same ingestion service as `submitRegister`, so that the
 * rollups and per-enrolment counts are exactly what live submissions would have made; rollups
 * alone, as the national scale makes them, for the other Middlesbrough schools, so that the LA's
 * figures cover all of it; then Middlesbrough's mentoring pilot and penalty notices, through their
 * services too.
 */
export async function seedDemo(orm: MikroORM): Promise<void> {
  await runSql(
    orm.em.fork(),
    `insert into attendance.vendor_authorisation (vendor_id, urn, authorised_on)
     select vendor_id, urn, '2024-09-01' from json_to_recordset(?::json) as r(vendor_id text, urn integer)
     on conflict do nothing`,
    [asJson(DEMO_VENDOR_AUTHORISATIONS.map((a) => ({ vendor_id: a.vendorId, urn: a.urn })))],
  );
  const bySchool = groupBy(generateDemoRegisters(), (batch) => batch.urn);
  const schools = [...bySchool.values()];
  // Two schools at a time, so that one is validated in Node while PostgreSQL writes the other.
  const worker = async () => {
    const em = orm.em.fork();
    for (let batches = schools.shift(); batches; batches = schools.shift()) {
      for (const batch of batches) {
        await ingestRegister(
          em,
          batch,
          { source: 'seed:demo', vendorId: null, mayWrite: true },
          { maxMarks: Number.MAX_SAFE_INTEGER, maxPupils: Number.MAX_SAFE_INTEGER },
        );
      }
    }
  };
  const withRegisters = new Set<number>(DEMO_REGISTER_URNS);
  const rollupsOnly = rollupSchools(
    generateDemoEstate().schools.filter(
      (school) => school.laCode === MIDDLESBROUGH_LA_CODE && !withRegisters.has(school.urn),
    ),
    DEMO_REGISTER_SEED + 1,
  );
  await Promise.all([
    worker(),
    worker(),
    seedSchoolRollups(orm, rollupsOnly, { concurrency: 1, onProgress: () => undefined }),
  ]);
  await seedActingOnAbsence(orm);
}

/** Rollups for every school in England, without pupil-level marks (see `./national`). */
export async function seedNational(
  orm: MikroORM,
  options: NationalSeedOptions = {},
): Promise<NationalSeedResult> {
  const result = await seedNationalRollups(orm, options);
  (options.onProgress ?? console.log)(
    `attendance national: ${result.schools} schools, ${result.rollupRows} rollup rows, ${result.persistenceRows} PA rows in ${(result.ms / 1000).toFixed(1)} s`,
  );
  return result;
}
