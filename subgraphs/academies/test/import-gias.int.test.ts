import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importEstablishments } from '../src/import/establishments.import';
import { importGroupLinks } from '../src/import/group-links.import';
import { printReport, SILENT_LOG } from '../src/import/import-run';
import { createAcademiesServer } from '../src/server';
import { importEstablishmentLinks } from '../src/import/links.import';
import { Role } from '@estate/subgraph-kit';
import { createContext } from '../src/context';
import {
  type AcademiesTestDb,
  csvBytes,
  fixture,
  gatewayHeaders,
  openAcademiesTestDb,
  realData,
  TEST_CONFIG,
} from './support/academies-db';

const NAMES_ONLY_EXTRACT = realData(
  'clarelgibson-2022-school-admissions-dashboard/20220420_gias.csv',
);
const CODE_AND_NAME_EXTRACT = realData('npq-registration/gias_sample.csv');
const LINKS_FILE = realData('mastodonc-witan-gias/links_edubasealldata20250422.csv');
const GROUP_LINKS_FILE = realData(
  'philipnye-gias/grouplinks_edubaseallacademiesandfree20190601.csv',
);

let db: AcademiesTestDb;

beforeAll(async () => {
  db = await openAcademiesTestDb('academies_import');
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.clear();
});

const sql = <T = Record<string, unknown>[]>(query: string, params: unknown[] = []) =>
  db.orm.em.fork().getConnection().execute(query, params) as Promise<T>;

const services = () => createContext(db.orm, { role: Role.DfE, subject: 'test' }, 'test');
const trusts = () => services().trusts;
const links = () => services().links;

describe('pnpm import gias (establishments)', () => {
  it('loads the cp1252 fixture, creates its LAs and rejects bad rows with their reasons', async () => {
    const report = await importEstablishments(db.orm, fixture('establishments-cp1252.csv'));
    expect(report.rowsRead).toBe(6);
    expect(report.tables.school).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(report.tables.local_authority).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(report.rejections.map((r) => [r.rowNumber, r.urn, r.reason])).toEqual([
      [4, null, 'URN "12345" is not a 6-digit URN'],
      [5, 900005, 'OpenDate "31-02-2019" is not a real date'],
      [6, 900006, 'TypeOfEstablishment code "99" is not a known GIAS code'],
    ]);
    expect(await sql('select * from academies.local_authority order by code')).toEqual([
      { code: '201', name: 'City of London', gss_code: null, region: 'London' },
      { code: '335', name: 'Walsall', gss_code: null, region: 'West Midlands' },
    ]);
    const [academy] = await sql('select * from academies.school where urn = 900001');
    expect(academy).toMatchObject({
      name: "Saint Chloë's Church of England Primary Academy",
      la_code: '335',
      establishment_number: 2001,
      type_code: 34,
      status_code: 1,
      opened_on: '2015-09-01',
      percentage_fsm: '18.60',
    });
  });

  it('is idempotent: a second run inserts and updates nothing', async () => {
    await importEstablishments(db.orm, fixture('establishments-utf8-bom-names-only.csv'));
    const before = await db.dump();
    const again = await importEstablishments(
      db.orm,
      fixture('establishments-utf8-bom-names-only.csv'),
    );
    expect(again.tables).toEqual({
      school: { inserted: 0, updated: 0, unchanged: 4 },
      local_authority: { inserted: 0, updated: 0, unchanged: 1 },
    });
    expect(await db.dump()).toEqual(before);
  });

  it('updates only the rows that changed, and a file without GSS codes keeps the LA’s', async () => {
    await importEstablishments(db.orm, fixture('establishments-utf8-bom-names-only.csv'));
    await sql(`update academies.local_authority set gss_code = 'E10000014' where code = '850'`);
    await sql(`update academies.school set name = 'Old name' where urn = 900102`);
    const report = await importEstablishments(
      db.orm,
      fixture('establishments-utf8-bom-names-only.csv'),
    );
    expect(report.tables.school).toEqual({ inserted: 0, updated: 1, unchanged: 3 });
    const [la] = await sql(`select gss_code from academies.local_authority where code = '850'`);
    expect(la).toEqual({ gss_code: 'E10000014' });
  });

  it.skipIf(!existsSync(NAMES_ONLY_EXTRACT))(
    'loads the real Hampshire and Surrey extract: counts, LAs and a school field by field',
    async () => {
      const report = await importEstablishments(db.orm, NAMES_ONLY_EXTRACT);
      expect(report.rowsRead).toBe(1_096);
      expect(report.rejections).toEqual([]);
      expect(report.tables.school).toEqual({ inserted: 1_096, updated: 0, unchanged: 0 });
      expect(await db.count('school')).toBe(1_096);
      expect(
        await sql(`select count(*)::int as closed from academies.school where status_code = 2`),
      ).toEqual([{ closed: 368 }]);
      expect(await sql('select * from academies.local_authority order by code')).toEqual([
        { code: '850', name: 'Hampshire', gss_code: 'E10000014', region: 'South East' },
        { code: '936', name: 'Surrey', gss_code: 'E10000030', region: 'South East' },
      ]);
      const [raleigh] = await sql('select * from academies.school where urn = 137014');
      expect(raleigh).toEqual({
        urn: 137014,
        la_code: '936',
        establishment_number: 2309,
        name: 'The Raleigh School',
        type_code: 34,
        type_name: 'Academy converter',
        type_group_code: 10,
        type_group_name: 'Academies',
        status_code: 1,
        phase_code: 2,
        statutory_low_age: 4,
        statutory_high_age: 11,
        opened_on: '2011-08-01',
        closed_on: null,
        reason_opened: 'Academy Converter',
        reason_closed: null,
        number_of_pupils: 436,
        percentage_fsm: '5.00',
        street: 'Northcote Crescent',
        locality: 'West Horsley',
        town: 'Leatherhead',
        postcode: 'KT24 6LX',
        region: 'South East',
        ukprn: '10034662',
      });
      const [awbridge] = await sql('select * from academies.school where urn = 115856');
      expect(awbridge).toMatchObject({
        name: 'Awbridge Primary School',
        type_code: 1,
        status_code: 2,
        closed_on: '2020-11-30',
        reason_closed: 'Academy Converter',
        opened_on: null,
      });

      const again = await importEstablishments(db.orm, NAMES_ONLY_EXTRACT);
      expect(again.tables.school).toEqual({ inserted: 0, updated: 0, unchanged: 1_096 });
    },
  );

  it.skipIf(!existsSync(CODE_AND_NAME_EXTRACT))(
    'loads the real code-and-name 2021 extract with its LAs, GSS codes and regions',
    async () => {
      const report = await importEstablishments(db.orm, CODE_AND_NAME_EXTRACT);
      expect(report.rowsRead).toBe(99);
      expect(report.tables.school!.inserted).toBe(99);
      const [la] = await sql(`select * from academies.local_authority where code = '201'`);
      expect(la).toEqual({
        code: '201',
        name: 'City of London',
        gss_code: 'E09000001',
        region: 'London',
      });
      const [aldgate] = await sql('select * from academies.school where urn = 100000');
      expect(aldgate).toMatchObject({ name: 'The Aldgate School', establishment_number: 3614 });
    },
  );
});

describe('pnpm import gias-links', () => {
  it('stores the fixture’s links as given and rejects the broken ones', async () => {
    const report = await importEstablishmentLinks(db.orm, fixture('links-cp1252.csv'));
    expect(report.rowsRead).toBe(10);
    expect(report.tables.school_link).toEqual({ inserted: 7, updated: 0, unchanged: 0 });
    expect(report.rejections.map((r) => r.rowNumber)).toEqual([8, 9, 10]);
    expect(await sql('select link_type from academies.school_link where urn = 900401')).toEqual([
      { link_type: 'Merged - expansion in school capacity and change in age range' },
    ]);
  });

  it.skipIf(!existsSync(LINKS_FILE))(
    'loads the national links file once, reads links both ways, and changes nothing the second time',
    async () => {
      const report = await importEstablishmentLinks(db.orm, LINKS_FILE);
      expect(report.rowsRead).toBe(33_801);
      expect(report.rejections).toEqual([]);
      expect(report.tables.school_link).toEqual({ inserted: 33_801, updated: 0, unchanged: 0 });
      expect(await db.count('school_link')).toBe(33_801);
      console.log(`national links file imported in ${report.elapsedMs} ms`);

      // An academy and the school it replaced, seen from each end.
      expect(await links().predecessorUrns(138950)).toContain(108299);
      expect(await links().successorUrns(108299)).toContain(138950);
      // 46 Predecessor rows have no Successor row back; the old school still finds its successor.
      const [oneWay] = await sql<{ urn: number; linked_urn: number }[]>(
        `select p.urn, p.linked_urn from academies.school_link p
         where p.link_type = 'Predecessor' and not exists (
           select 1 from academies.school_link s
           where s.urn = p.linked_urn and s.linked_urn = p.urn and s.link_type = 'Successor')
         order by p.urn limit 1`,
      );
      expect(oneWay).toBeDefined();
      expect(await links().successorUrns(oneWay!.linked_urn)).toContain(oneWay!.urn);

      const again = await importEstablishmentLinks(db.orm, LINKS_FILE);
      expect(again.tables.school_link).toEqual({ inserted: 0, updated: 0, unchanged: 33_801 });
    },
  );
});

describe('pnpm import gias-grouplinks', () => {
  it('takes trusts from group type names, counts sponsors and federations as not trusts', async () => {
    const report = await importGroupLinks(db.orm, fixture('group-links-dashed-dates.csv'));
    expect(report.rowsRead).toBe(6);
    expect(report.tables.trust).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(report.tables.trust_membership).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(report.notes).toContain('not a trust: 1 rows of group type 05 School sponsor');
    expect(report.notes).toContain('not a trust: 1 rows of group type 01 Federation');
    expect(report.rejections.map((r) => [r.urn, r.reason])).toEqual([
      [900108, 'Group Type "Academy chain" is not a known GIAS name'],
      [900109, 'Joined date "1st September 2018" is not a dd-mm-yyyy or dd/mm/yyyy date'],
    ]);
    expect(await sql('select * from academies.trust order by group_uid')).toEqual([
      {
        group_uid: '17001',
        group_id: null,
        name: 'COASTAL SCHOOLS TRUST',
        type_code: '06',
        companies_house_number: '08123456',
        ukprn: null,
        status: 'OPEN',
        opened_on: null,
        closed_on: null,
      },
      expect.objectContaining({
        group_uid: '17002',
        type_code: '10',
        companies_house_number: '07525820',
      }),
    ]);
  });

  it('reads slashed dates and status codes, and rejects a membership without a joined date', async () => {
    const report = await importGroupLinks(db.orm, fixture('group-links-slashed-dates.csv'));
    expect(report.tables.trust_membership!.inserted).toBe(2);
    expect(report.rejections.map((r) => [r.urn, r.reason])).toContainEqual([
      900111,
      'Joined date is empty, so the membership cannot be dated',
    ]);
    expect(await sql(`select * from academies.trust where group_uid = '17005'`)).toEqual([
      expect.objectContaining({
        group_id: 'TR09876',
        type_code: '11',
        status: 'PROPOSED_TO_CLOSE',
      }),
    ]);
    expect(
      await sql(`select joined_on, left_on from academies.trust_membership where urn = 900110`),
    ).toEqual([{ joined_on: '2021-01-15', left_on: null }]);
  });

  it.skipIf(!existsSync(GROUP_LINKS_FILE))(
    'loads the real 2019 file: multi- and single-academy trusts with dated membership, idempotently',
    async () => {
      const report = await importGroupLinks(db.orm, GROUP_LINKS_FILE);
      expect(report.rowsRead).toBe(14_621);
      expect(report.rejections).toEqual([]);
      expect(report.tables.trust).toEqual({ inserted: 2_788, updated: 0, unchanged: 0 });
      expect(report.tables.trust_membership).toEqual({
        inserted: 8_625,
        updated: 0,
        unchanged: 0,
      });
      expect(report.notes).toContain('not a trust: 5,996 rows of group type 05 School sponsor');
      expect(
        await sql(
          'select type_code, count(*)::int as trusts from academies.trust group by type_code order by type_code',
        ),
      ).toEqual([
        { type_code: '06', trusts: 1_422 },
        { type_code: '10', trusts: 1_366 },
      ]);

      // A single-academy trust, on the day of the snapshot and before the school joined it.
      const stPauls = await trusts().membershipOf(105135, '2019-06-01');
      expect(stPauls).toMatchObject({
        groupUid: '4782',
        name: "ST PAUL'S ACADEMY LIMITED",
        type: 'SINGLE_ACADEMY_TRUST',
        joinedOn: '2005-09-01',
        leftOn: null,
      });
      expect(stPauls?.trust.companiesHouseNumber).toBe('05210075');
      expect(await trusts().membershipOf(105135, '2005-08-31')).toBeNull();
      // A multi-academy trust with a cp1252 name, and how many academies it had.
      expect(await trusts().membershipOf(136762, '2019-06-01')).toMatchObject({
        groupUid: '5188',
        name: 'FIERTÉ MULTI-ACADEMY TRUST',
        type: 'MULTI_ACADEMY_TRUST',
        joinedOn: '2011-06-01',
      });
      const [largest] = await sql<{ members: number }[]>(
        `select count(*)::int as members from academies.trust_membership
         group by group_uid order by members desc limit 1`,
      );
      expect(largest!.members).toBeGreaterThan(40);

      const again = await importGroupLinks(db.orm, GROUP_LINKS_FILE);
      expect(again.tables.trust).toEqual({ inserted: 0, updated: 0, unchanged: 2_788 });
      expect(again.tables.trust_membership).toEqual({ inserted: 0, updated: 0, unchanged: 8_625 });
      expect(again.notes).toContain(
        'memberships closed because the file (as of 2019-06-01) no longer lists them: 0',
      );
    },
  );
});

describe('dated membership across group-links snapshots', () => {
  const HEADER = ['URN', 'Group UID', 'Group Name', 'Group Type', 'Joined date'];
  const snapshot = (rows: [number, number, string, string, string][]) => csvBytes(HEADER, rows);
  const MAT = 'Multi-academy trust';
  const SAT = 'Single-academy trust';

  const spans = async (urn: number) =>
    sql(
      `select group_uid, joined_on, left_on from academies.trust_membership where urn = ? order by joined_on`,
      [urn],
    );

  // 2023: 900001 in a single-academy trust; 900002 and 900003 in a MAT.
  const in2023 = snapshot([
    [900001, 20001, 'SOLO ACADEMY TRUST', SAT, '01-09-2015'],
    [900002, 20002, 'NORTH STAR TRUST', MAT, '01-04-2016'],
    [900003, 20002, 'NORTH STAR TRUST', MAT, '01-09-2018'],
  ]);
  // 2024: 900001 has joined the MAT; 900003 is no longer listed anywhere.
  const in2024 = snapshot([
    [900001, 20002, 'NORTH STAR TRUST', MAT, '01-01-2024'],
    [900002, 20002, 'NORTH STAR TRUST', MAT, '01-04-2016'],
  ]);

  it('closes a membership the file no longer lists: on the next joined date, else on the snapshot date', async () => {
    await importGroupLinks(db.orm, in2023, { asOf: '2023-06-01' });
    const report = await importGroupLinks(db.orm, in2024, { asOf: '2024-06-01' });
    expect(report.tables.trust_membership).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect(report.notes).toContain(
      'memberships closed because the file (as of 2024-06-01) no longer lists them: 2',
    );
    expect(await spans(900001)).toEqual([
      { group_uid: '20001', joined_on: '2015-09-01', left_on: '2024-01-01' },
      { group_uid: '20002', joined_on: '2024-01-01', left_on: null },
    ]);
    expect(await spans(900003)).toEqual([
      { group_uid: '20002', joined_on: '2018-09-01', left_on: '2024-06-01' },
    ]);
    // Dated reads: the school was in its first trust until the day it joined the second.
    expect((await trusts().membershipOf(900001, '2023-12-31'))?.groupUid).toBe('20001');
    expect((await trusts().membershipOf(900001, '2024-01-01'))?.groupUid).toBe('20002');
    expect(await trusts().membershipOf(900003, '2024-06-01')).toBeNull();

    const again = await importGroupLinks(db.orm, in2024, { asOf: '2024-06-01' });
    expect(again.tables.trust_membership).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(again.notes).toContain(
      'memberships closed because the file (as of 2024-06-01) no longer lists them: 0',
    );
  });

  it('changes nothing when an older snapshot is imported after a newer one', async () => {
    await importGroupLinks(db.orm, in2023, { asOf: '2023-06-01' });
    await importGroupLinks(db.orm, in2024, { asOf: '2024-06-01' });
    const before = await db.dump();
    const report = await importGroupLinks(db.orm, in2023, { asOf: '2023-06-01' });
    expect(report.tables.trust_membership).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await db.dump()).toEqual(before);
  });

  it('leaves unlisted memberships open when the file is declared partial', async () => {
    await importGroupLinks(db.orm, in2023, { asOf: '2023-06-01' });
    await importGroupLinks(db.orm, in2024, { asOf: '2024-06-01', partial: true });
    expect(await spans(900003)).toEqual([
      { group_uid: '20002', joined_on: '2018-09-01', left_on: null },
    ]);
  });

  it('re-dates an open membership when GIAS corrects the joined date', async () => {
    await importGroupLinks(db.orm, in2023, { asOf: '2023-06-01' });
    const corrected = snapshot([
      [900001, 20001, 'SOLO ACADEMY TRUST', SAT, '01-08-2015'],
      [900002, 20002, 'NORTH STAR TRUST', MAT, '01-04-2016'],
      [900003, 20002, 'NORTH STAR TRUST', MAT, '01-09-2018'],
    ]);
    const report = await importGroupLinks(db.orm, corrected, { asOf: '2023-07-01' });
    expect(report.tables.trust_membership).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await spans(900001)).toEqual([
      { group_uid: '20001', joined_on: '2015-08-01', left_on: null },
    ]);
  });

  it('takes the snapshot date from a GIAS file name', async () => {
    const { snapshotDateOf } = await import('../src/import/group-links.import');
    expect(snapshotDateOf('/x/grouplinks_edubaseallacademiesandfree20190601.csv')).toBe(
      '2019-06-01',
    );
    expect(snapshotDateOf('/x/grouplinks.csv')).toBeNull();
  });
});

describe('a failed import writes nothing', () => {
  it('rolls back the LAs it had written when the database refuses a school', async () => {
    await importEstablishments(db.orm, fixture('establishments-cp1252.csv'));
    const before = await db.dump();
    // A refusal the importer cannot foresee, raised only after the LA upsert has run.
    await sql(`create function pg_temp.refuse_school() returns trigger language plpgsql as $$
      begin raise exception 'refused URN %', new.urn; end $$`);
    await sql(`create trigger refuse_school before insert on academies.school
      for each row when (new.urn = 900104) execute function pg_temp.refuse_school()`);
    try {
      await expect(
        importEstablishments(db.orm, fixture('establishments-utf8-bom-names-only.csv')),
      ).rejects.toThrow(/refused URN 900104/);
    } finally {
      await sql('drop trigger refuse_school on academies.school');
    }
    expect(await db.dump()).toEqual(before);
    expect(before.local_authority).not.toContainEqual(expect.objectContaining({ code: '850' }));
  });

  it('writes nothing from a file that turns out to be corrupt halfway through', async () => {
    const good = await readFile(fixture('links-cp1252.csv'));
    const corrupt = Buffer.concat([good, Buffer.from('"900901","900902","Broken ""quote","Pre')]);
    await expect(importEstablishmentLinks(db.orm, corrupt)).rejects.toThrow();
    expect(await db.count('school_link')).toBe(0);
  });

  it('refuses a file without a required column before writing anything', async () => {
    const noUrn = csvBytes(['LinkURN', 'LinkType'], [[900102, 'Predecessor']]);
    await expect(importEstablishmentLinks(db.orm, noUrn)).rejects.toThrow(
      /missing required column/,
    );
  });
});

describe('import order', () => {
  const establishments = fixture('establishments-utf8-bom-names-only.csv');
  const linkFile = fixture('links-cp1252.csv');
  const groupLinks = fixture('group-links-dashed-dates.csv');

  it('gives the same data whether links and group links come before or after the schools', async () => {
    await importEstablishments(db.orm, establishments);
    await importEstablishmentLinks(db.orm, linkFile);
    await importGroupLinks(db.orm, groupLinks, { asOf: '2024-01-01' });
    const schoolsFirst = await db.dump();

    await db.clear();
    await importGroupLinks(db.orm, groupLinks, { asOf: '2024-01-01' });
    await importEstablishmentLinks(db.orm, linkFile);
    // Before the schools arrive, their memberships and links are stored but no school shows them.
    expect(await db.count('trust_membership')).toBe(2);
    expect(await db.count('school')).toBe(0);
    await importEstablishments(db.orm, establishments);
    expect(await db.dump()).toEqual(schoolsFirst);

    expect((await trusts().membershipOf(900101, '2024-01-01'))?.groupUid).toBe('17001');
    expect(await links().predecessorUrns(900101)).toEqual([900102]);
  });
});

describe('the import report', () => {
  it('prints the first 50 rejections and writes all of them to a file', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [`90${String(i).padStart(4, '0')}`, 'x']);
    const report = await importEstablishmentLinks(
      db.orm,
      csvBytes(['URN', 'LinkURN', 'LinkType'], rows),
    );
    expect(report.rejections).toHaveLength(60);
    const lines: string[] = [];
    const path = await printReport(report, { ...SILENT_LOG, info: (line) => lines.push(line) });
    expect(lines.filter((line) => line.startsWith('    row '))).toHaveLength(50);
    expect(lines.join('\n')).toContain(`and 10 more; every rejection is in ${path}`);
    const written = await readFile(path!, 'utf8');
    expect(written.trim().split('\n')).toHaveLength(61);
  });
});

describe('a running graph', () => {
  it('serves imported data at once, without a restart', async () => {
    const running = await (await createAcademiesServer(TEST_CONFIG, { orm: db.orm })).listen(0);
    const ask = async () => {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...gatewayHeaders() },
        body: JSON.stringify({
          query: `{ schools(first: 10) { totalCount edges { node {
            urn name localAuthority { name } trust(on: "2024-01-01") { groupUid name }
            predecessorUrns } } } }`,
        }),
      });
      return (await response.json()) as {
        data: { schools: { totalCount: number; edges: { node: Record<string, unknown> }[] } };
      };
    };
    try {
      expect((await ask()).data.schools.totalCount).toBe(0);
      await importEstablishments(db.orm, fixture('establishments-utf8-bom-names-only.csv'));
      await importEstablishmentLinks(db.orm, fixture('links-cp1252.csv'));
      await importGroupLinks(db.orm, fixture('group-links-dashed-dates.csv'));
      const after = await ask();
      expect(after.data.schools.totalCount).toBe(4);
      expect(after.data.schools.edges[0]?.node).toEqual({
        urn: 900101,
        name: 'Ysgol y Môr Academy',
        localAuthority: { name: 'Hampshire' },
        trust: { groupUid: '17001', name: 'COASTAL SCHOOLS TRUST' },
        predecessorUrns: [900102],
      });
    } finally {
      await running.close();
    }
  });
});
