import type { MikroORM } from '@estate/subgraph-kit';
import type { CsvSource } from './csv';
import { readEstablishments } from './establishments.parse';
import {
  countUpsert,
  FirstRowWins,
  type ImportLog,
  type ImportReport,
  inOneTransaction,
  progressPrinter,
  SILENT_LOG,
  Stager,
} from './import-run';
import type { Rejection } from './parse-outcome';

/** The columns of `academies.school`, in the order they are staged. */
const SCHOOL_COLUMNS = [
  'urn',
  'la_code',
  'establishment_number',
  'name',
  'type_code',
  'type_name',
  'type_group_code',
  'type_group_name',
  'status_code',
  'phase_code',
  'statutory_low_age',
  'statutory_high_age',
  'opened_on',
  'closed_on',
  'reason_opened',
  'reason_closed',
  'number_of_pupils',
  'percentage_fsm',
  'street',
  'locality',
  'town',
  'postcode',
  'region',
  'ukprn',
] as const;

const STAGED_COLUMNS = [...SCHOOL_COLUMNS, 'la_name', 'gss_la_code'];

const LARGEST = { smallint: 32_767, integer: 2_147_483_647 };

/**
 * `pnpm import gias <edubasealldata.csv>`: creates or updates every establishment in the file and
 * the local authorities they name. Establishments the file does not list are left alone: GIAS
 * never deletes an establishment (closed ones stay, with a close date), and a regional extract
 * says nothing about other areas.
 */
export async function importEstablishments(
  orm: MikroORM,
  source: CsvSource,
  log: ImportLog = SILENT_LOG,
): Promise<ImportReport> {
  const started = Date.now();
  const kind = 'gias';
  const rejections: Rejection[] = [];
  let rowsRead = 0;

  const tables = await inOneTransaction(orm, async (sql) => {
    await sql(
      `create temp table staged_school on commit drop as
       select ${SCHOOL_COLUMNS.join(', ')}, null::text as la_name, null::text as gss_la_code
       from academies.school with no data`,
    );
    const stager = new Stager(sql, 'pg_temp.staged_school', STAGED_COLUMNS);
    const firstRows = new FirstRowWins();

    for await (const outcome of readEstablishments(source, {
      onProgress: progressPrinter(kind, log),
    })) {
      rowsRead += 1;
      if (outcome.kind === 'rejected') {
        rejections.push(outcome.rejection);
        continue;
      }
      const { record: school, rowNumber, lineNumber } = outcome;
      const reject = (reason: string) =>
        rejections.push({ rowNumber, lineNumber, urn: school.urn, reason });
      // The database stores these as smallint / integer; GIAS's own values are far smaller.
      const tooLarge = (
        [
          ['StatutoryLowAge', school.statutoryLowAge, LARGEST.smallint],
          ['StatutoryHighAge', school.statutoryHighAge, LARGEST.smallint],
          ['NumberOfPupils', school.numberOfPupils, LARGEST.integer],
        ] as const
      ).find(([, value, largest]) => value !== null && value > largest);
      if (school.phaseCode === null) {
        reject('PhaseOfEducation is empty');
        continue;
      }
      if (tooLarge) {
        reject(`${tooLarge[0]} ${tooLarge[1]} is not a plausible value`);
        continue;
      }
      const repeat = firstRows.repeatOf(String(school.urn), rowNumber, `URN ${school.urn}`);
      if (repeat) {
        reject(repeat);
        continue;
      }
      await stager.add([
        school.urn,
        school.laCode,
        school.establishmentNumber === null ? null : Number(school.establishmentNumber),
        school.name,
        school.typeCode,
        school.typeName,
        school.typeGroupCode,
        school.typeGroupName,
        school.statusCode,
        school.phaseCode,
        school.statutoryLowAge,
        school.statutoryHighAge,
        school.openDate,
        school.closeDate,
        school.reasonOpened,
        school.reasonClosed,
        school.numberOfPupils,
        school.percentageFsm,
        school.street,
        school.locality,
        school.town,
        school.postcode,
        school.region,
        school.ukprn,
        school.laName,
        school.gssLaCode,
      ]);
    }
    await stager.flush();

    // An LA takes the name, GSS code and region most of its schools give; a file without them
    // (older extracts lack GSSLACode) never blanks what an earlier import recorded.
    await sql(
      `create temp table staged_la on commit drop as
       select la_code as code,
         mode() within group (order by la_name) filter (where la_name is not null) as name,
         mode() within group (order by gss_la_code) filter (where gss_la_code is not null) as gss_code,
         mode() within group (order by region) filter (where region is not null) as region
       from pg_temp.staged_school group by la_code`,
    );
    const [laCount] = await sql<{ total: string }[]>(
      'select count(*) as total from pg_temp.staged_la',
    );
    const [laInserted] = await sql<{ total: string }[]>(
      `with written as (
         insert into academies.local_authority (code, name, gss_code, region)
         select code, coalesce(name, 'Local authority ' || code), gss_code, region
         from pg_temp.staged_la
         on conflict (code) do nothing
         returning 1
       ) select count(*) as total from written`,
    );
    const [laUpdated] = await sql<{ total: string }[]>(
      `with written as (
         update academies.local_authority la set
           name = coalesce(s.name, la.name),
           gss_code = coalesce(s.gss_code, la.gss_code),
           region = coalesce(s.region, la.region)
         from pg_temp.staged_la s
         where s.code = la.code
           and (la.name, la.gss_code, la.region)
             is distinct from (coalesce(s.name, la.name), coalesce(s.gss_code, la.gss_code),
                               coalesce(s.region, la.region))
         returning 1
       ) select count(*) as total from written`,
    );
    const localAuthorities = {
      inserted: Number(laInserted?.total ?? 0),
      updated: Number(laUpdated?.total ?? 0),
      unchanged:
        Number(laCount?.total ?? 0) -
        Number(laInserted?.total ?? 0) -
        Number(laUpdated?.total ?? 0),
    };

    const updatable = SCHOOL_COLUMNS.filter((column) => column !== 'urn');
    const schools = await countUpsert(
      sql,
      `insert into academies.school (${SCHOOL_COLUMNS.join(', ')})
       select ${SCHOOL_COLUMNS.join(', ')} from pg_temp.staged_school
       on conflict (urn) do update set ${updatable.map((c) => `${c} = excluded.${c}`).join(', ')}
       where (${updatable.map((c) => `academies.school.${c}`).join(', ')})
         is distinct from (${updatable.map((c) => `excluded.${c}`).join(', ')})`,
      [],
      stager.staged,
    );
    return { school: schools, local_authority: localAuthorities };
  });

  rejections.sort((a, b) => a.rowNumber - b.rowNumber);
  return {
    kind,
    file: typeof source === 'string' ? source : 'establishments file',
    rowsRead,
    tables,
    rejections,
    notes: [],
    elapsedMs: Date.now() - started,
  };
}
