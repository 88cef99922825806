import { groupBy, type IsoDate, type MikroORM, todayIso } from '@estate/subgraph-kit';
import {
  type BatchSource,
  ingestRegister,
  type RegisterBatch,
} from '../modules/register/ingestion';
import { asJson, runSql } from '../sql';
import { seedActingOnAbsence } from './acting-on-absence';
import { generateDemoEstate } from '@estate/academies/src/seed/demo-estate';
import {
  nationalRegisters,
  type NationalSeedOptions,
  planNationalSeed,
  rollupSchools,
  type RollupSeedResult,
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
 * Writes each school's batches through the same ingestion service as `submitRegister`, two schools
 * at a time, so that one is validated in Node while PostgreSQL writes the other. Returns the number
 * of marks written.
 */
async function ingestSchoolRegisters(
  orm: MikroORM,
  bySchool: Iterator<RegisterBatch[]>,
  source: BatchSource['source'],
  options: { today?: IsoDate; onSchool?: (schools: number, marks: number) => void } = {},
): Promise<number> {
  let schools = 0;
  let marks = 0;
  const worker = async () => {
    const em = orm.em.fork();
    for (let next = bySchool.next(); !next.done; next = bySchool.next()) {
      for (const batch of next.value) {
        await ingestRegister(
          em,
          batch,
          { source, vendorId: null, mayWrite: true },
          {
            maxMarks: Number.MAX_SAFE_INTEGER,
            maxPupils: Number.MAX_SAFE_INTEGER,
            today: options.today,
          },
        );
        marks += batch.marks.length;
      }
      schools += 1;
      options.onSchool?.(schools, marks);
    }
  };
  await Promise.all([worker(), worker()]);
  return marks;
}

/**
 * The demo registers, written through the same ingestion service as `submitRegister`, so that the
 * rollups and per-enrolment counts are exactly what live submissions would have made; rollups
 * alone, as the national scale makes them, for the other Middlesbrough schools, so that the LA's
 * figures cover all of it; then Middlesbrough's mentoring pilot and penalty notices, through their
 * services too.
 */
export async function seedDemo(orm: MikroORM, today: IsoDate = todayIso()): Promise<void> {
  await runSql(
    orm.em.fork(),
    `insert into attendance.vendor_authorisation (vendor_id, urn, authorised_on)
     select vendor_id, urn, '2024-09-01' from json_to_recordset(?::json) as r(vendor_id text, urn integer)
     on conflict do nothing`,
    [asJson(DEMO_VENDOR_AUTHORISATIONS.map((a) => ({ vendor_id: a.vendorId, urn: a.urn })))],
  );
  const bySchool = groupBy(generateDemoRegisters(today), (batch) => batch.urn);
  const withRegisters = new Set<number>(DEMO_REGISTER_URNS);
  const rollupsOnly = rollupSchools(
    generateDemoEstate().schools.filter(
      (school) => school.laCode === MIDDLESBROUGH_LA_CODE && !withRegisters.has(school.urn),
    ),
    DEMO_REGISTER_SEED + 1,
  );
  await Promise.all([
    ingestSchoolRegisters(orm, bySchool.values(), 'seed:demo', { today }),
    seedSchoolRollups(orm, rollupsOnly, { concurrency: 1, onProgress: () => undefined, today }),
  ]);
  await seedActingOnAbsence(orm, today);
}

export interface NationalSeedResult extends RollupSeedResult {
  /** Schools given pupil-level registers rather than rollups. */
  registerSchools: number;
  marks: number;
}

/**
 * Rollups for every school in England, without pupil-level marks (see `./national`), except for
 * the schools asked for with `pupilRegisters`, whose registers go through the ingestion service
 * so that their rollups and per-enrolment counts come from the marks.
 */
export async function seedNational(
  orm: MikroORM,
  options: NationalSeedOptions = {},
): Promise<NationalSeedResult> {
  const started = Date.now();
  const progress = options.onProgress ?? console.log;
  const today = options.today ?? todayIso();
  const plan = planNationalSeed(options);
  const rollups = await seedSchoolRollups(orm, plan.rollups, { ...options, today });
  const marks = await ingestSchoolRegisters(
    orm,
    nationalRegisters(today, plan.registers),
    'seed:national',
    {
      today,
      onSchool: (schools, marksSoFar) => {
        if (schools % 10 === 0 || schools === plan.registers.length) {
          progress(
            `attendance registers: ${schools}/${plan.registers.length} schools, ${marksSoFar} marks, ${((Date.now() - started) / 1000).toFixed(0)} s`,
          );
        }
      },
    },
  );
  const result = {
    ...rollups,
    registerSchools: plan.registers.length,
    marks,
    ms: Date.now() - started,
  };
  progress(
    `attendance national: ${result.schools} schools with rollups, ${result.rollupRows} rollup rows, ${result.persistenceRows} PA rows; ${result.registerSchools} schools with registers, ${result.marks} marks; in ${(result.ms / 1000).toFixed(1)} s`,
  );
  return result;
}
