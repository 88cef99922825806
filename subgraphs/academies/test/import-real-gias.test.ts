import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseEstablishmentsFile,
  type EstablishmentRecord,
} from '../src/import/establishments.parse';
import { TrustType, parseGroupLinksFile } from '../src/import/group-links.parse';
import { LinkType, parseEstablishmentLinksFile } from '../src/import/links.parse';

/**
 * Every GIAS-format file in the shared real-data folder (see its SOURCES.md). The folder is not
 * part of the repository, so these tests skip when it is absent. Expected row counts were measured
 * with Python's csv module; SOURCES.md quotes some of them one lower.
 */
const realData = (path: string): string =>
  fileURLToPath(new URL(`../../../../shared/data/real/${path}`, import.meta.url));

const ESTABLISHMENT_FILES = [
  // 111 "(name)"-only columns, UTF-8 without a BOM, Linked establishments spilling over.
  { path: 'clarelgibson-2022-school-admissions-dashboard/20220420_gias.csv', rows: 1096 },
  // 139 columns with (code) and (name) pairs, UTF-8.
  { path: 'npq-registration/gias_sample.csv', rows: 99 },
  // 120 columns, an older header; a DfE test fixture with edited and spliced rows.
  { path: 'teaching-vacancies/example_schools_data.csv', rows: 19 },
  // 133 columns, cp1252.
  { path: 'claim-additional-payments-for-teaching/example_schools_data.csv', rows: 4 },
].map((file) => ({ ...file, path: realData(file.path) }));

const LINKS_FILE = realData('mastodonc-witan-gias/links_edubasealldata20250422.csv');
const GROUP_LINKS_FILE = realData(
  'philipnye-gias/grouplinks_edubaseallacademiesandfree20190601.csv',
);

function byUrn(records: EstablishmentRecord[], urn: number): EstablishmentRecord | undefined {
  return records.find((r) => r.urn === urn);
}

describe('real GIAS establishment files', () => {
  for (const { path, rows } of ESTABLISHMENT_FILES) {
    it.skipIf(!existsSync(path))(`reads every row of ${path.split('/real/')[1]}`, async () => {
      const parsed = await parseEstablishmentsFile(path);
      expect(parsed.rowsRead).toBe(rows);
      expect(parsed.records.length + parsed.rejections.length).toBe(rows);
      for (const record of parsed.records) {
        expect(String(record.urn)).toMatch(/^\d{6}$/);
        expect(record.laCode).toMatch(/^\d{3}$/);
      }
    });
  }

  const [names, npq, teachingVacancies, claim] = ESTABLISHMENT_FILES as [
    (typeof ESTABLISHMENT_FILES)[number],
    (typeof ESTABLISHMENT_FILES)[number],
    (typeof ESTABLISHMENT_FILES)[number],
    (typeof ESTABLISHMENT_FILES)[number],
  ];

  it.skipIf(!existsSync(names.path))(
    'maps the names-only Hampshire and Surrey extract back to codes, field by field',
    async () => {
      const parsed = await parseEstablishmentsFile(names.path);
      expect(parsed.rejections).toEqual([]);
      expect(parsed.records.filter((r) => r.statusCode === 2)).toHaveLength(368);
      expect(parsed.records.filter((r) => r.trustName !== null)).toHaveLength(176);
      expect(byUrn(parsed.records, 137014)).toEqual({
        urn: 137014,
        laCode: '936',
        laName: 'Surrey',
        gssLaCode: 'E10000030',
        establishmentNumber: '2309',
        laestab: '9362309',
        name: 'The Raleigh School',
        typeCode: 34,
        typeName: 'Academy converter',
        typeGroupCode: 10,
        typeGroupName: 'Academies',
        statusCode: 1,
        statusName: 'Open',
        phaseCode: 2,
        phaseName: 'Primary',
        statutoryLowAge: 4,
        statutoryHighAge: 11,
        openDate: '2011-08-01',
        closeDate: null,
        reasonOpened: 'Academy Converter',
        reasonClosed: null,
        numberOfPupils: 436,
        percentageFsm: 5,
        street: 'Northcote Crescent',
        locality: 'West Horsley',
        town: 'Leatherhead',
        postcode: 'KT24 6LX',
        region: 'South East',
        ukprn: '10034662',
        companiesHouseNumber: null,
        trustGroupUid: null,
        trustName: 'SOUTH FARNHAM EDUCATIONAL TRUST',
      });
      expect(byUrn(parsed.records, 115856)).toMatchObject({
        name: 'Awbridge Primary School',
        typeCode: 1,
        statusCode: 2,
        closeDate: '2020-11-30',
        reasonClosed: 'Academy Converter',
        openDate: null,
      });
    },
  );

  it.skipIf(!existsSync(npq.path))('reads the code-and-name 2021 extract', async () => {
    const parsed = await parseEstablishmentsFile(npq.path);
    expect(parsed.rejections).toEqual([]);
    expect(byUrn(parsed.records, 100000)).toMatchObject({
      laCode: '201',
      laestab: '2013614',
      name: 'The Aldgate School',
      typeCode: 2,
      statusCode: 1,
      phaseCode: 2,
      numberOfPupils: 276,
      percentageFsm: 10.2,
      ukprn: '10079319',
      region: 'London',
    });
    // Welsh establishments have phase 0 and no ages; both are real GIAS values, not errors.
    expect(parsed.records.filter((r) => r.typeCode === 30)).toHaveLength(51);
    expect(parsed.records.filter((r) => r.statusCode === 4)).toHaveLength(1);
  });

  it.skipIf(!existsSync(teachingVacancies.path))(
    'rejects the edited and column-shifted rows of the teaching-vacancies fixture, and reads the rest',
    async () => {
      const parsed = await parseEstablishmentsFile(teachingVacancies.path);
      expect(parsed.records.map((r) => r.urn)).toEqual([
        100000, 100001, 100004, 100005, 100006, 100007, 100008,
      ]);
      expect(parsed.rejections.map((r) => r.urn)).toEqual([
        100002, 100003, 124930, 130467, 130525, 131095, 132803, 133042, 133053, 133102, 133157,
        105135,
      ]);
      expect(parsed.rejections[0]?.reason).toMatch(/code "12" .* contradicts name/);
      expect(parsed.rejections[2]?.reason).toMatch(/135 cells but the header has 120/);
      // "02" and "2" are the same code.
      expect(byUrn(parsed.records, 100000)?.typeCode).toBe(2);
    },
  );

  it.skipIf(!existsSync(claim.path))('decodes the cp1252 claim extract', async () => {
    const parsed = await parseEstablishmentsFile(claim.path);
    expect(byUrn(parsed.records, 126416)?.name).toBe(
      'St Thomas à Becket Church of England Aided Primary School',
    );
    expect(byUrn(parsed.records, 106653)).toMatchObject({
      name: 'Penistone Grammar School',
      typeGroupName: 'Local authority maintained schools',
      phaseCode: 4,
      statutoryHighAge: 18,
      numberOfPupils: 1565,
      percentageFsm: 3.4,
    });
    expect(byUrn(parsed.records, 117137)).toMatchObject({
      statusCode: 2,
      openDate: '1997-02-26',
      closeDate: '2012-05-31',
      reasonOpened: 'New Provision',
      numberOfPupils: null,
    });
    expect(parsed.rejections.map((r) => [r.urn, r.reason])).toEqual([
      [148847, 'row has 139 cells but the header has 133, so its columns cannot be aligned'],
    ]);
  });
});

describe('real GIAS links file (national, 2025-04-22)', () => {
  it.skipIf(!existsSync(LINKS_FILE))(
    'reads every link, with every link type the file uses',
    async () => {
      const parsed = await parseEstablishmentLinksFile(LINKS_FILE);
      expect(parsed.rowsRead).toBe(33_801);
      expect(parsed.rejections).toEqual([]);

      const countByType = new Map<LinkType, number>();
      for (const r of parsed.records) {
        countByType.set(r.linkType, (countByType.get(r.linkType) ?? 0) + 1);
      }
      expect(Object.fromEntries(countByType)).toEqual({
        Successor: 16_451,
        Predecessor: 16_264,
        PredecessorMerged: 230,
        SuccessorMerged: 184,
        SixthFormCentreSchool: 135,
        PredecessorAmalgamated: 123,
        ResultOfAmalgamation: 111,
        SuccessorAmalgamated: 110,
        SixthFormCentreLink: 57,
        SuccessorSplit: 48,
        PredecessorSplit: 44,
        Other: 15,
        MergedExpansionAndChangeInAgeRange: 9,
        MergedChangeInAgeRange: 9,
        MergedExpansionOfCapacity: 5,
        Expansion: 3,
        Closure: 3,
      });
      expect(parsed.records.filter((r) => r.establishedDate === null)).toHaveLength(8_253);

      // Both ways: the academy names its predecessor and the old school names its successor.
      const links = (urn: number) => parsed.records.filter((r) => r.urn === urn);
      expect(links(138950)).toContainEqual(
        expect.objectContaining({ linkedUrn: 108299, linkType: LinkType.Predecessor }),
      );
      expect(links(108299)).toContainEqual({
        urn: 108299,
        linkedUrn: 138950,
        linkedName: 'St Thomas à Becket Catholic Secondary School, A Voluntary Academy',
        linkType: LinkType.Successor,
        linkTypeLabel: 'Successor',
        establishedDate: '2012-10-31',
      });
      // The school in the cp1252 claim extract, 126416, later converted.
      expect(links(126416).map((r) => [r.linkedUrn, r.linkType])).toEqual([
        [149557, LinkType.Successor],
      ]);

      const keys = new Set(parsed.records.map((r) => `${r.urn}>${r.linkedUrn}:${r.linkType}`));
      const predecessors = parsed.records.filter((r) => r.linkType === LinkType.Predecessor);
      const answered = predecessors.filter((r) => keys.has(`${r.linkedUrn}>${r.urn}:Successor`));
      // GIAS is not perfectly symmetric: 46 predecessor rows lack their successor row.
      expect(answered).toHaveLength(16_218);
    },
  );
});

describe('real GIAS group links file (academies and free schools, 2019-06-01)', () => {
  it.skipIf(!existsSync(GROUP_LINKS_FILE))(
    'reads multi- and single-academy trusts from group type names, and sponsors as not trusts',
    async () => {
      const parsed = await parseGroupLinksFile(GROUP_LINKS_FILE);
      expect(parsed.rowsRead).toBe(14_621);
      expect(parsed.rejections).toEqual([]);
      expect(parsed.records).toHaveLength(8_625);
      expect(parsed.notTrusts).toHaveLength(5_996);
      expect(new Set(parsed.notTrusts.map((n) => n.groupTypeCode))).toEqual(new Set(['05']));

      const trustUids = (type: TrustType) =>
        new Set(parsed.records.filter((r) => r.trustType === type).map((r) => r.groupUid));
      expect(trustUids(TrustType.MultiAcademyTrust).size).toBe(1_422);
      expect(trustUids(TrustType.SingleAcademyTrust).size).toBe(1_366);
      // Every academy in the file belongs to exactly one trust.
      expect(new Set(parsed.records.map((r) => r.urn)).size).toBe(8_625);

      expect(parsed.records.find((r) => r.urn === 105135)).toEqual({
        urn: 105135,
        groupUid: 4782,
        groupId: null,
        groupName: "ST PAUL'S ACADEMY LIMITED",
        trustType: TrustType.SingleAcademyTrust,
        groupTypeCode: '10',
        groupTypeName: 'Single-academy trust',
        companiesHouseNumber: '05210075',
        groupStatus: 'Open',
        groupClosedDate: null,
        joinedDate: '2005-09-01',
        establishmentName: "St Paul's Academy",
      });
      expect(parsed.records.find((r) => r.urn === 136762)).toMatchObject({
        groupUid: 5188,
        groupName: 'FIERTÉ MULTI-ACADEMY TRUST',
        trustType: TrustType.MultiAcademyTrust,
        joinedDate: '2011-06-01',
      });
      // cp1252 0x92 is a right single quotation mark, not the control character U+0092.
      expect(parsed.notTrusts.find((n) => n.groupUid === 5087)?.groupName).toBe(
        'Torquay Boys\u2019 Grammar School Multi-Academy Trust',
      );
      for (const record of parsed.records) {
        expect(record.companiesHouseNumber).toMatch(/^\d{8}$/);
        expect(record.joinedDate).toMatch(/^(200\d|201\d)-\d{2}-\d{2}$/);
      }
    },
  );
});
