import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  LinkType,
  inverseLinkType,
  linkTypeFromLabel,
  parseEstablishmentLinksFile,
} from '../src/import/links.parse';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('a cp1252 establishment links file', async () => {
  const parsed = await parseEstablishmentLinksFile(fixture('links-cp1252.csv'));

  it('accounts for every row as accepted or rejected', () => {
    expect(parsed.rowsRead).toBe(10);
    expect(parsed.records).toHaveLength(7);
    expect(parsed.rejections).toHaveLength(3);
  });

  it('reads a conversion from both ends: the academy has a predecessor, the old school a successor', () => {
    expect(parsed.records.slice(0, 2)).toEqual([
      {
        urn: 900101,
        linkedUrn: 900102,
        linkedName: 'Harbour Secondary School',
        linkType: LinkType.Predecessor,
        linkTypeLabel: 'Predecessor',
        establishedDate: '2013-04-01',
      },
      {
        urn: 900102,
        linkedUrn: 900101,
        linkedName: 'Ysgol y Môr Academy',
        linkType: LinkType.Successor,
        linkTypeLabel: 'Successor',
        establishedDate: '2013-03-31',
      },
    ]);
  });

  it('normalises merger, sixth-form and GIAS-typo link types, and decodes "°" from cp1252', () => {
    expect(parsed.records.slice(2).map((r) => [r.linkType, r.establishedDate])).toEqual([
      [LinkType.PredecessorMerged, '2022-01-01'],
      [LinkType.SuccessorMerged, '2022-01-01'],
      [LinkType.SixthFormCentreLink, null],
      [LinkType.SixthFormCentreSchool, null],
      [LinkType.MergedExpansionAndChangeInAgeRange, '2016-09-01'],
    ]);
    expect(parsed.records[2]?.linkedName).toBe('Compass Point 45°');
  });

  it('rejects a self-link, an unknown link type and a short URN, with reasons', () => {
    expect(parsed.rejections.map((r) => [r.rowNumber, r.urn, r.reason])).toEqual([
      [8, 900501, 'LinkURN 900501 links the establishment to itself'],
      [9, 900601, 'LinkType "Twinned" is not a known GIAS link type'],
      [10, null, 'URN "90070" is not a 6-digit URN'],
    ]);
  });
});

describe('link types', () => {
  it('pairs each directed type with its inverse, and the inverse of the inverse is the type', () => {
    expect(inverseLinkType(LinkType.Predecessor)).toBe(LinkType.Successor);
    expect(inverseLinkType(LinkType.PredecessorSplit)).toBe(LinkType.SuccessorSplit);
    expect(inverseLinkType(LinkType.SixthFormCentreLink)).toBe(LinkType.SixthFormCentreSchool);
    expect(inverseLinkType(LinkType.ResultOfAmalgamation)).toBe(LinkType.ResultOfAmalgamation);
    for (const type of Object.values(LinkType)) {
      expect(inverseLinkType(inverseLinkType(type))).toBe(type);
    }
  });

  it('reads labels regardless of case and spacing', () => {
    expect(linkTypeFromLabel('predecessor - split school')).toBe(LinkType.PredecessorSplit);
    expect(linkTypeFromLabel('Successor -  Amalgamated')).toBe(LinkType.SuccessorAmalgamated);
    expect(linkTypeFromLabel('Twinned')).toBeUndefined();
  });
});
