import { type IsoDate, isIsoDate, type MikroORM, todayIso } from '@estate/subgraph-kit';
import { basename } from 'node:path';
import type { CsvSource } from './csv';
import { GroupStatus, readGroupLinks, type GroupLinkRecord } from './group-links.parse';
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

/** How `academies.trust.status` spells GIAS's group status: GIAS's own status codes. */
const STATUS_CODE: Record<GroupStatus, string> = {
  [GroupStatus.Open]: 'OPEN',
  [GroupStatus.ProposedToClose]: 'PROPOSED_TO_CLOSE',
  [GroupStatus.Closed]: 'CLOSED',
};

export interface GroupLinksImportOptions {
  /**
   * The day the file describes. GIAS group links list only current memberships, so this is the
   * day on which a membership the file no longer lists is known to have ended. Defaults to the
   * yyyymmdd date in the file name (GIAS names its extracts that way), or today.
   */
  asOf?: IsoDate;
  /**
   * The file covers only some schools (a regional extract, a hand-made fixture): memberships it
   * does not list are left open instead of being closed.
   */
  partial?: boolean;
  log?: ImportLog;
}

/** `grouplinks_edubaseallacademiesandfree20190601.csv` describes 2019-06-01. */
export function snapshotDateOf(path: string): IsoDate | null {
  const match = /(\d{4})(\d{2})(\d{2})(?!\d)/.exec(basename(path));
  if (!match) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(date) ? date : null;
}

/**
 * `pnpm import gias-group-links <grouplinks.csv>`: trusts and their dated memberships.
 *
 * - Only multi-academy, single-academy and secure single-academy trusts (group types 06, 10, 11)
 *   are trusts. Rows for sponsors, federations and other groups are counted as "not a trust",
 *   not rejected: they are valid GIAS rows about something this subgraph does not hold.
 * - Trusts are upserted by group UID. A value the file leaves empty (many files have no Group ID
 *   column) never blanks one an earlier import recorded.
 * - A membership is keyed by (group UID, URN, joined date). It needs a joined date to be dated,
 *   so a row without one is rejected. A school is in one trust at a time, so a second row for the
 *   same URN is rejected too.
 * - Memberships of schools not loaded (yet) are stored all the same: the schema has no foreign key
 *   from memberships to schools, and the services join at read time, so the school appears in its
 *   trust as soon as its establishment row is imported, whichever file comes first.
 * - GIAS lists only current memberships. An open membership the file no longer lists has ended:
 *   it is closed on the day the school joined its next trust if the file says so, otherwise on
 *   the file's snapshot date (`asOf`), the first day we know it no longer held. History is kept,
 *   never deleted. A membership that started after `asOf` is left alone (an older file says
 *   nothing about it), and one this file lists as current is reopened if an earlier import had
 *   closed it on or before `asOf`. When the file lists the same school in the same trust with a
 *   different joined date, GIAS has corrected the date and the open membership is re-dated.
 */
export async function importGroupLinks(
  orm: MikroORM,
  source: CsvSource,
  options: GroupLinksImportOptions = {},
): Promise<ImportReport> {
  const started = Date.now();
  const kind = 'gias-grouplinks';
  const log = options.log ?? SILENT_LOG;
  const asOf =
    options.asOf ?? (typeof source === 'string' ? snapshotDateOf(source) : null) ?? todayIso();
  const rejections: Rejection[] = [];
  const notTrusts = new Map<string, number>();
  let rowsRead = 0;

  const { tables, closed } = await inOneTransaction(orm, async (sql) => {
    await sql(
      `create temp table staged_trust on commit drop as
       select group_uid, group_id, name, type_code, companies_house_number, status, closed_on
       from academies.trust with no data`,
    );
    await sql(
      `create temp table staged_membership on commit drop as
       select group_uid, urn, joined_on from academies.trust_membership with no data`,
    );
    const trusts = new Stager(sql, 'pg_temp.staged_trust', [
      'group_uid',
      'group_id',
      'name',
      'type_code',
      'companies_house_number',
      'status',
      'closed_on',
    ]);
    const memberships = new Stager(sql, 'pg_temp.staged_membership', [
      'group_uid',
      'urn',
      'joined_on',
    ]);
    const trustsSeen = new Set<number>();
    const schoolsSeen = new FirstRowWins();

    for await (const outcome of readGroupLinks(source, {
      onProgress: progressPrinter(kind, log),
    })) {
      rowsRead += 1;
      if (outcome.kind === 'rejected') {
        rejections.push(outcome.rejection);
        continue;
      }
      if (outcome.kind === 'notATrust') {
        const label = `${outcome.groupTypeCode} ${outcome.groupTypeName}`;
        notTrusts.set(label, (notTrusts.get(label) ?? 0) + 1);
        continue;
      }
      const { record: link, rowNumber, lineNumber } = outcome;
      const reject = (reason: string) =>
        rejections.push({ rowNumber, lineNumber, urn: link.urn, reason });
      if (link.joinedDate === null) {
        reject('Joined date is empty, so the membership cannot be dated');
        continue;
      }
      const repeat = schoolsSeen.repeatOf(
        String(link.urn),
        rowNumber,
        `A trust membership of URN ${link.urn} (a school is in one trust at a time)`,
      );
      if (repeat) {
        reject(repeat);
        continue;
      }
      if (!trustsSeen.has(link.groupUid)) {
        trustsSeen.add(link.groupUid);
        await trusts.add(trustRow(link));
      }
      await memberships.add([String(link.groupUid), link.urn, link.joinedDate]);
    }
    await trusts.flush();
    await memberships.flush();

    const trustCounts = await countUpsert(
      sql,
      `insert into academies.trust
         (group_uid, group_id, name, type_code, companies_house_number, status, closed_on)
       select group_uid, group_id, name, type_code, companies_house_number,
         coalesce(status, 'OPEN'), closed_on
       from pg_temp.staged_trust
       on conflict (group_uid) do update set
         group_id = coalesce(excluded.group_id, academies.trust.group_id),
         name = excluded.name,
         type_code = excluded.type_code,
         companies_house_number =
           coalesce(excluded.companies_house_number, academies.trust.companies_house_number),
         status = excluded.status,
         closed_on = coalesce(excluded.closed_on, academies.trust.closed_on)
       where (academies.trust.group_id, academies.trust.name, academies.trust.type_code,
              academies.trust.companies_house_number, academies.trust.status,
              academies.trust.closed_on)
         is distinct from
             (coalesce(excluded.group_id, academies.trust.group_id), excluded.name,
              excluded.type_code,
              coalesce(excluded.companies_house_number, academies.trust.companies_house_number),
              excluded.status, coalesce(excluded.closed_on, academies.trust.closed_on))`,
      [],
      trusts.staged,
    );

    const redated = await sql<{ urn: number }[]>(
      `update academies.trust_membership m set joined_on = s.joined_on
       from pg_temp.staged_membership s
       where m.group_uid = s.group_uid and m.urn = s.urn and m.left_on is null
         and m.joined_on <> s.joined_on
         and not exists (
           select 1 from academies.trust_membership same
           where same.group_uid = s.group_uid and same.urn = s.urn and same.joined_on = s.joined_on)
       returning m.urn`,
    );
    const membershipCounts = await countUpsert(
      sql,
      `insert into academies.trust_membership (group_uid, urn, joined_on)
       select group_uid, urn, joined_on from pg_temp.staged_membership
       on conflict (group_uid, urn, joined_on) do update set left_on = null
       where academies.trust_membership.left_on <= ?`,
      [asOf],
      memberships.staged,
    );
    membershipCounts.updated += redated.length;
    membershipCounts.unchanged -= redated.length;

    const closedRows = options.partial
      ? []
      : await sql<{ urn: number }[]>(
          `update academies.trust_membership m set left_on = coalesce(
             (select min(s.joined_on) from pg_temp.staged_membership s
              where s.urn = m.urn and s.joined_on > m.joined_on),
             ?::date)
           where m.left_on is null and m.joined_on <= ?
             and not exists (
               select 1 from pg_temp.staged_membership s
               where s.group_uid = m.group_uid and s.urn = m.urn and s.joined_on = m.joined_on)
           returning m.urn`,
          [asOf, asOf],
        );
    return {
      tables: { trust: trustCounts, trust_membership: membershipCounts },
      closed: closedRows.length,
    };
  });

  const notes = [
    ...[...notTrusts].map(
      ([type, count]) => `not a trust: ${count.toLocaleString('en-GB')} rows of group type ${type}`,
    ),
    options.partial
      ? 'partial file: memberships it does not list were left as they were'
      : `memberships closed because the file (as of ${asOf}) no longer lists them: ${closed}`,
  ];
  return {
    kind,
    file: typeof source === 'string' ? source : 'group links file',
    rowsRead,
    tables,
    rejections,
    notes,
    elapsedMs: Date.now() - started,
  };
}

function trustRow(link: GroupLinkRecord): unknown[] {
  return [
    String(link.groupUid),
    link.groupId,
    link.groupName,
    link.groupTypeCode,
    link.companiesHouseNumber,
    link.groupStatus === null ? null : STATUS_CODE[link.groupStatus],
    link.groupClosedDate,
  ];
}
