import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GroupStatus, TrustType, parseGroupLinksFile } from '../src/import/group-links.parse';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('a group-links file with dd-mm-yyyy joined dates and group types as names', async () => {
  const parsed = await parseGroupLinksFile(fixture('group-links-dashed-dates.csv'));

  it('accounts for every row as a trust membership, a non-trust group or a rejection', () => {
    expect(parsed.rowsRead).toBe(6);
    expect(parsed.records.length + parsed.notTrusts.length + parsed.rejections.length).toBe(6);
    expect(parsed.records.map((r) => [r.urn, r.groupUid, r.trustType])).toEqual([
      [900101, 17001, TrustType.MultiAcademyTrust],
      [900105, 17002, TrustType.SingleAcademyTrust],
    ]);
  });

  it('reads a multi-academy trust membership field by field from the "Linked UID" layout', () => {
    expect(parsed.records[0]).toEqual({
      urn: 900101,
      groupUid: 17001,
      groupId: null,
      groupName: 'COASTAL SCHOOLS TRUST',
      trustType: TrustType.MultiAcademyTrust,
      groupTypeCode: '06',
      groupTypeName: 'Multi-academy trust',
      companiesHouseNumber: '08123456',
      groupStatus: GroupStatus.Open,
      groupClosedDate: null,
      joinedDate: '2013-04-01',
      establishmentName: 'Ysgol y Môr Academy',
    });
  });

  it('pads a Companies House number that lost its leading zero', () => {
    expect(parsed.records[1]?.companiesHouseNumber).toBe('07525820');
  });

  it('reports sponsors and federations as not trusts, with their GIAS group type codes', () => {
    expect(parsed.notTrusts.map((n) => [n.rowNumber, n.urn, n.groupUid, n.groupTypeCode])).toEqual([
      [2, 900101, 4001, '05'],
      [4, 900107, 17003, '01'],
    ]);
  });

  it('rejects an unknown group type and an unreadable joined date', () => {
    expect(parsed.rejections.map((r) => [r.rowNumber, r.urn, r.reason])).toEqual([
      [5, 900108, 'Group Type "Academy chain" is not a known GIAS name'],
      [6, 900109, 'Joined date "1st September 2018" is not a dd-mm-yyyy or dd/mm/yyyy date'],
    ]);
  });
});

describe('a group-links file with dd/MM/yyyy joined dates and group type codes', async () => {
  const parsed = await parseGroupLinksFile(fixture('group-links-slashed-dates.csv'));

  it('accounts for every row', () => {
    expect(parsed.rowsRead).toBe(6);
    expect([parsed.records.length, parsed.notTrusts.length, parsed.rejections.length]).toEqual([
      3, 1, 2,
    ]);
  });

  it('reads the dd/MM/yyyy joined date, the TR reference and the status code', () => {
    expect(parsed.records[0]).toMatchObject({
      urn: 900101,
      groupUid: 17001,
      groupId: 'TR01234',
      joinedDate: '2013-04-01',
      trustType: TrustType.MultiAcademyTrust,
      groupStatus: GroupStatus.Open,
    });
  });

  it('reads a secure single-academy trust (code 11) as a trust', () => {
    expect(parsed.records[1]).toMatchObject({
      urn: 900110,
      trustType: TrustType.SecureSingleAcademyTrust,
      groupTypeCode: '11',
      groupStatus: GroupStatus.ProposedToClose,
      joinedDate: '2021-01-15',
    });
  });

  it('reads a trust type from its code alone, with an empty joined date as null', () => {
    expect(parsed.records[2]).toMatchObject({
      urn: 900111,
      trustType: TrustType.SingleAcademyTrust,
      groupTypeName: 'Single-academy trust',
      groupStatus: GroupStatus.Closed,
      groupClosedDate: '2024-07-31',
      joinedDate: null,
      companiesHouseNumber: 'SC123456',
    });
  });

  it('rejects a code that contradicts its name, and an ISO date where GIAS writes day first', () => {
    expect(parsed.rejections.map((r) => [r.urn, r.reason])).toEqual([
      [
        900112,
        'Group Type code "10" (Single-academy trust) contradicts name "Multi-academy trust"',
      ],
      [900114, 'Joined date "2020-09-01" is not a dd-mm-yyyy or dd/mm/yyyy date'],
    ]);
  });
});
