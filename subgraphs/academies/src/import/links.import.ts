import type { MikroORM } from '@estate/subgraph-kit';
import type { CsvSource } from './csv';
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
import { LinkType, readEstablishmentLinks } from './links.parse';
import type { Rejection } from './parse-outcome';

/**
 * The wording stored for each link type: GIAS's own label, one spelling per type, so that a later
 * file that fixes a typo ("changer in age range") updates the same row instead of adding another.
 * The link service reads "Predecessor…" / "Successor…" prefixes to show each link from both ends.
 */
export const GIAS_LINK_LABEL: Record<LinkType, string> = {
  [LinkType.Predecessor]: 'Predecessor',
  [LinkType.Successor]: 'Successor',
  [LinkType.PredecessorMerged]: 'Predecessor - merged',
  [LinkType.SuccessorMerged]: 'Successor - merged',
  [LinkType.PredecessorAmalgamated]: 'Predecessor - amalgamated',
  [LinkType.SuccessorAmalgamated]: 'Successor - amalgamated',
  [LinkType.ResultOfAmalgamation]: 'Result of Amalgamation',
  [LinkType.PredecessorSplit]: 'Predecessor - Split School',
  [LinkType.SuccessorSplit]: 'Successor - Split School',
  [LinkType.SixthFormCentreSchool]: 'Sixth Form Centre School',
  [LinkType.SixthFormCentreLink]: 'Sixth Form Centre Link',
  [LinkType.MergedExpansionOfCapacity]: 'Merged - expansion of school capacity',
  [LinkType.MergedChangeInAgeRange]: 'Merged - change in age range',
  [LinkType.MergedExpansionAndChangeInAgeRange]:
    'Merged - expansion in school capacity and change in age range',
  [LinkType.Expansion]: 'Expansion',
  [LinkType.Closure]: 'Closure',
  [LinkType.Other]: 'Other',
};

/**
 * `pnpm import gias-links <links_edubasealldata.csv>`: stores each link as the file gives it, one
 * row per direction given; the link service reads links from both ends, inferring a missing
 * direction. Links to establishments not loaded (yet) are kept: the schema has no foreign key from
 * links to schools, so the import order does not matter. Links the file no longer lists are kept
 * too, since GIAS does not withdraw links and a partial file must not erase the rest.
 */
export async function importEstablishmentLinks(
  orm: MikroORM,
  source: CsvSource,
  log: ImportLog = SILENT_LOG,
): Promise<ImportReport> {
  const started = Date.now();
  const kind = 'gias-links';
  const rejections: Rejection[] = [];
  let rowsRead = 0;

  const tables = await inOneTransaction(orm, async (sql) => {
    await sql(
      `create temp table staged_link on commit drop as
       select urn, linked_urn, link_type, established_on from academies.school_link with no data`,
    );
    const stager = new Stager(sql, 'pg_temp.staged_link', [
      'urn',
      'linked_urn',
      'link_type',
      'established_on',
    ]);
    const firstRows = new FirstRowWins();
    for await (const outcome of readEstablishmentLinks(source, {
      onProgress: progressPrinter(kind, log),
    })) {
      rowsRead += 1;
      if (outcome.kind === 'rejected') {
        rejections.push(outcome.rejection);
        continue;
      }
      const { record: link, rowNumber, lineNumber } = outcome;
      const label = GIAS_LINK_LABEL[link.linkType];
      const repeat = firstRows.repeatOf(
        `${link.urn}|${link.linkedUrn}|${label}`,
        rowNumber,
        `The ${label} link from ${link.urn} to ${link.linkedUrn}`,
      );
      if (repeat) {
        rejections.push({ rowNumber, lineNumber, urn: link.urn, reason: repeat });
        continue;
      }
      await stager.add([link.urn, link.linkedUrn, label, link.establishedDate]);
    }
    await stager.flush();

    const links = await countUpsert(
      sql,
      `insert into academies.school_link (urn, linked_urn, link_type, established_on)
       select urn, linked_urn, link_type, established_on from pg_temp.staged_link
       on conflict (urn, linked_urn, link_type) do update set established_on = excluded.established_on
       where academies.school_link.established_on is distinct from excluded.established_on`,
      [],
      stager.staged,
    );
    return { school_link: links };
  });

  return {
    kind,
    file: typeof source === 'string' ? source : 'links file',
    rowsRead,
    tables,
    rejections,
    notes: [],
    elapsedMs: Date.now() - started,
  };
}
