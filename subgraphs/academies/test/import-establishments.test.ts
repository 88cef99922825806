import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseEstablishmentsFile,
  type EstablishmentRecord,
} from '../src/import/establishments.parse';
import { ESTABLISHMENT_TYPES } from '../src/import/gias-code-lists';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function byUrn(records: EstablishmentRecord[], urn: number): EstablishmentRecord {
  const record = records.find((r) => r.urn === urn);
  if (!record) throw new Error(`no record for URN ${urn}`);
  return record;
}

describe('a cp1252 establishments file with (code) and (name) columns', async () => {
  const parsed = await parseEstablishmentsFile(fixture('establishments-cp1252.csv'));

  it('accounts for every row as accepted or rejected', () => {
    expect(parsed.rowsRead).toBe(6);
    expect(parsed.records.length + parsed.rejections.length).toBe(parsed.rowsRead);
    expect(parsed.records.map((r) => r.urn)).toEqual([900001, 900002, 900003]);
  });

  it('reads an open academy field by field, with its non-ASCII name decoded', () => {
    expect(byUrn(parsed.records, 900001)).toEqual({
      urn: 900001,
      laCode: '335',
      laName: 'Walsall',
      gssLaCode: null,
      establishmentNumber: '2001',
      laestab: '3352001',
      name: "Saint Chloë's Church of England Primary Academy",
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
      openDate: '2015-09-01',
      closeDate: null,
      reasonOpened: 'Academy Converter',
      reasonClosed: null,
      numberOfPupils: 412,
      percentageFsm: 18.6,
      street: 'Chapel Walk',
      locality: 'Pelsall',
      town: 'Walsall',
      postcode: 'WS3 9ZZ',
      region: 'West Midlands',
      ukprn: '10012345',
      companiesHouseNumber: '07525820',
      trustGroupUid: 16243,
      trustName: 'FICTIONAL LEARNING TRUST',
    });
  });

  it('reads a closed school with its close date, and "00-00-0000" and SUPPRESSED as no value', () => {
    const closed = byUrn(parsed.records, 900002);
    expect(closed).toMatchObject({
      typeCode: 1,
      statusCode: 2,
      statusName: 'Closed',
      openDate: null,
      closeDate: '2015-08-31',
      reasonClosed: 'Academy Converter',
      numberOfPupils: null,
      percentageFsm: null,
      ukprn: null,
      trustGroupUid: null,
    });
  });

  it('keeps phase 0 "Not applicable" as a phase but turns other placeholders into null', () => {
    expect(byUrn(parsed.records, 900003)).toMatchObject({
      statusCode: 3,
      statusName: 'Open, but proposed to close',
      phaseCode: 0,
      phaseName: 'Not applicable',
      reasonOpened: null,
      statutoryLowAge: null,
      numberOfPupils: null,
      percentageFsm: null,
      ukprn: null,
      locality: null,
    });
  });

  it('rejects a 5-digit URN, an impossible date and an unknown type code, with reasons', () => {
    expect(parsed.rejections).toEqual([
      { rowNumber: 4, lineNumber: 5, urn: null, reason: 'URN "12345" is not a 6-digit URN' },
      {
        rowNumber: 5,
        lineNumber: 6,
        urn: 900005,
        reason: 'OpenDate "31-02-2019" is not a real date',
      },
      {
        rowNumber: 6,
        lineNumber: 7,
        urn: 900006,
        reason: 'TypeOfEstablishment code "99" is not a known GIAS code',
      },
    ]);
  });
});

describe('a UTF-8 establishments file with a BOM and only (name) columns', async () => {
  const parsed = await parseEstablishmentsFile(fixture('establishments-utf8-bom-names-only.csv'));

  it('accounts for every row as accepted or rejected', () => {
    expect(parsed.rowsRead).toBe(5);
    expect(parsed.records).toHaveLength(4);
    expect(parsed.rejections).toEqual([
      {
        rowNumber: 5,
        lineNumber: 6,
        urn: 900106,
        reason: 'TypeOfEstablishment "Starship academy" is not a known GIAS name',
      },
    ]);
  });

  it('maps names back to codes, deriving the type group from the type', () => {
    expect(byUrn(parsed.records, 900101)).toMatchObject({
      name: 'Ysgol y Môr Academy',
      typeCode: 28,
      typeGroupCode: 10,
      typeGroupName: 'Academies',
      statusCode: 1,
      phaseCode: 4,
      phaseName: 'Secondary',
      trustGroupUid: null,
      trustName: 'COASTAL SCHOOLS TRUST',
      openDate: '2013-04-01',
    });
  });

  it('ignores the extra cells of the trailing "Linked establishments" column', () => {
    // URN 900101 lists two links, so its row is one cell longer than the header.
    expect(byUrn(parsed.records, 900101).region).toBe('South East');
  });

  it('reads a closed school with a close date from names only', () => {
    expect(byUrn(parsed.records, 900102)).toMatchObject({
      typeCode: 1,
      typeGroupCode: 4,
      statusCode: 2,
      closeDate: '2013-03-31',
      reasonClosed: 'Result of Amalgamation/Merger',
      numberOfPupils: null,
    });
  });

  it('maps older and DfE spellings of type names ("Free school 16-19", "Academy 16-19 sponsor led")', () => {
    expect(byUrn(parsed.records, 900104)).toMatchObject({
      typeCode: 39,
      typeName: 'Free schools 16 to 19',
      typeGroupCode: 11,
      statusCode: 4,
      phaseCode: 6,
      locality: null,
    });
    expect(byUrn(parsed.records, 900105)).toMatchObject({ typeCode: 46, typeGroupCode: 10 });
  });

  it('pads a Companies House number that lost its leading zero', () => {
    expect(byUrn(parsed.records, 900105).companiesHouseNumber).toBe('08140577');
  });
});

describe('header variants and file-level failures', () => {
  it('reads a plain column holding digits as a code', async () => {
    const parsed = await parseEstablishmentsFile(
      utf8(
        'URN,LA (code),EstablishmentName,TypeOfEstablishment,EstablishmentStatus\n' +
          '900201,201,Plain School,34,1\n',
      ),
    );
    expect(parsed.records[0]).toMatchObject({ typeCode: 34, statusCode: 1, typeGroupCode: 10 });
  });

  it('rejects a row whose type code and name disagree rather than guess which is right', async () => {
    const parsed = await parseEstablishmentsFile(
      utf8(
        'URN,LA (code),EstablishmentName,TypeOfEstablishment (code),TypeOfEstablishment (name),EstablishmentStatus (code)\n' +
          '900202,201,Muddled School,12,Other independent school,1\n',
      ),
    );
    expect(parsed.rejections[0]?.reason).toBe(
      'TypeOfEstablishment code "12" (Foundation special school) contradicts name "Other independent school"',
    );
  });

  it('refuses a file without a URN column before reading any row', async () => {
    await expect(
      parseEstablishmentsFile(utf8('Name,LA (code)\nA School,201\n')),
    ).rejects.toMatchObject({
      message: expect.stringContaining('missing required columns: URN, EstablishmentName'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it("knows every TypeOfEstablishment code in GIAS's April 2025 code list", () => {
    const codes2025 = [
      1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 14, 15, 18, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
      36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 49, 56, 57,
    ];
    expect(ESTABLISHMENT_TYPES.entries.map((e) => e.code)).toEqual(codes2025);
  });
});
