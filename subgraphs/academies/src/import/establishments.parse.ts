import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { readCsvRows, type CsvRow, type CsvSource, type ReadCsvOptions } from './csv';
import {
  ESTABLISHMENT_STATUSES,
  ESTABLISHMENT_TYPE_GROUPS,
  ESTABLISHMENT_TYPES,
  PHASES_OF_EDUCATION,
  establishmentTypeGroupOf,
  numericCode,
  readCoded,
} from './gias-code-lists';
import {
  companiesHouseNumberOrNull,
  digitsOrNull,
  giasDateOrNull,
  integerOrNull,
  percentageOrNull,
  readUrn,
  requiredText,
  textOrNull,
  urnIfReadable,
} from './gias-values';
import {
  collectOutcomes,
  outcomeOf,
  reject,
  requireColumns,
  type ParsedFile,
  type RowOutcome,
} from './parse-outcome';

/** One row of a GIAS `edubasealldata*.csv`, typed and validated; null means GIAS gives no value. */
export interface EstablishmentRecord {
  urn: number;
  /** The 3-digit "old" DfE LA code, e.g. "201". */
  laCode: string;
  laName: string | null;
  /** The LA's 9-character ONS (GSS) code, e.g. "E09000001"; null when the file has none. */
  gssLaCode: string | null;
  /** 4 digits, e.g. "3614"; null for establishments GIAS gives no number. */
  establishmentNumber: string | null;
  /** LA code + establishment number, 7 digits, e.g. "2013614". */
  laestab: string | null;
  name: string;
  /** Codes are always present; names are GIAS's current names for them, whatever the file said. */
  typeCode: number;
  typeName: string;
  typeGroupCode: number;
  typeGroupName: string;
  statusCode: number;
  statusName: string;
  /** 0 "Not applicable" is a real GIAS phase; null only when the file has no phase at all. */
  phaseCode: number | null;
  phaseName: string | null;
  statutoryLowAge: number | null;
  statutoryHighAge: number | null;
  openDate: IsoDate | null;
  closeDate: IsoDate | null;
  /** GIAS's reason names ("Academy Converter", "Result of Amalgamation/Merger"); null if none. */
  reasonOpened: string | null;
  reasonClosed: string | null;
  numberOfPupils: number | null;
  /** 0–100 as published (one decimal place in recent files); null when blank or suppressed. */
  percentageFsm: number | null;
  street: string | null;
  locality: string | null;
  town: string | null;
  postcode: string | null;
  /** GOR (government office region) name, e.g. "London". */
  region: string | null;
  /** 8 digits. */
  ukprn: string | null;
  /** 8 characters with leading zeros kept. */
  companiesHouseNumber: string | null;
  /** The GIAS Group UID of the establishment's trust (`Trusts (code)`), if the file has it. */
  trustGroupUid: number | null;
  trustName: string | null;
}

const REQUIRED_COLUMNS = [
  ['URN'],
  ['EstablishmentName'],
  ['LA (code)'],
  ['TypeOfEstablishment (code)', 'TypeOfEstablishment (name)', 'TypeOfEstablishment'],
  ['EstablishmentStatus (code)', 'EstablishmentStatus (name)', 'EstablishmentStatus'],
];

export function parseEstablishmentRow(row: CsvRow): EstablishmentRecord {
  const misalignment = row.misalignment('Linked establishments');
  if (misalignment) reject(misalignment);

  const urn = readUrn(row.get('URN'));
  const laCode = digitsOrNull(row.get('LA (code)'), 'LA (code)', 3) ?? reject('LA (code) is empty');
  const establishmentNumber = establishmentNumberOrNull(row.get('EstablishmentNumber'));

  const type =
    readCoded(row, ESTABLISHMENT_TYPES, numericCode) ?? reject('TypeOfEstablishment is empty');
  const groupFromFile = readCoded(row, ESTABLISHMENT_TYPE_GROUPS, numericCode);
  const groupCode =
    groupFromFile?.code ??
    establishmentTypeGroupOf(type.code) ??
    reject(`no EstablishmentTypeGroup for type ${type.code}`);
  const group = ESTABLISHMENT_TYPE_GROUPS.byCode(groupCode);
  if (!group) reject(`EstablishmentTypeGroup ${groupCode} is not a known GIAS code`);

  const status =
    readCoded(row, ESTABLISHMENT_STATUSES, numericCode) ?? reject('EstablishmentStatus is empty');
  const phase = readCoded(row, PHASES_OF_EDUCATION, numericCode);
  const trustCode = row.get('Trusts (code)');

  return {
    urn,
    laCode,
    laName: textOrNull(row.get('LA (name)', 'LA')),
    gssLaCode: gssCodeOrNull(row.get('GSSLACode (name)', 'GSSLACode (code)', 'GSSLACode')),
    establishmentNumber,
    laestab: establishmentNumber === null ? null : `${laCode}${establishmentNumber}`,
    name: requiredText(row.get('EstablishmentName'), 'EstablishmentName'),
    typeCode: type.code,
    typeName: type.name,
    typeGroupCode: group.code,
    typeGroupName: group.name,
    statusCode: status.code,
    statusName: status.name,
    phaseCode: phase?.code ?? null,
    phaseName: phase?.name ?? null,
    statutoryLowAge: integerOrNull(row.get('StatutoryLowAge'), 'StatutoryLowAge'),
    statutoryHighAge: integerOrNull(row.get('StatutoryHighAge'), 'StatutoryHighAge'),
    openDate: giasDateOrNull(row.get('OpenDate'), 'OpenDate'),
    closeDate: giasDateOrNull(row.get('CloseDate'), 'CloseDate'),
    reasonOpened: textOrNull(
      row.get('ReasonEstablishmentOpened (name)', 'ReasonEstablishmentOpened'),
    ),
    reasonClosed: textOrNull(
      row.get('ReasonEstablishmentClosed (name)', 'ReasonEstablishmentClosed'),
    ),
    numberOfPupils: integerOrNull(row.get('NumberOfPupils'), 'NumberOfPupils'),
    percentageFsm: percentageOrNull(row.get('PercentageFSM'), 'PercentageFSM'),
    street: textOrNull(row.get('Street')),
    locality: textOrNull(row.get('Locality')),
    town: textOrNull(row.get('Town')),
    postcode: textOrNull(row.get('Postcode')),
    region: textOrNull(row.get('GOR (name)', 'GOR')),
    ukprn: digitsOrNull(row.get('UKPRN'), 'UKPRN', 8),
    companiesHouseNumber: companiesHouseNumberOrNull(row.get('CHNumber'), 'CHNumber'),
    trustGroupUid: integerOrNull(trustCode, 'Trusts (code)'),
    trustName: textOrNull(row.get('Trusts (name)', 'Trusts')),
  };
}

/**
 * The GSS code only describes the LA, which the 3-digit code already identifies, so an unreadable
 * one is dropped rather than costing the school its row.
 */
function gssCodeOrNull(value: string | undefined): string | null {
  const text = textOrNull(value)?.toUpperCase() ?? null;
  return text !== null && /^[EWSN]\d{8}$/.test(text) ? text : null;
}

/** Up to 4 digits; spreadsheets drop leading zeros, so shorter numbers are padded back. */
function establishmentNumberOrNull(value: string | undefined): string | null {
  const text = textOrNull(value);
  if (text === null) return null;
  if (!/^\d{1,4}$/.test(text)) reject(`EstablishmentNumber "${text}" is not 4 digits`);
  return text.padStart(4, '0');
}

/** Streams a GIAS establishments file as one outcome per data row, in file order. */
export async function* readEstablishments(
  source: CsvSource,
  options: ReadCsvOptions = {},
): AsyncGenerator<RowOutcome<EstablishmentRecord>> {
  const file = typeof source === 'string' ? source : 'establishments file';
  for await (const row of readCsvRows(source, {
    ...options,
    onHeader: (header) => {
      requireColumns(header, file, REQUIRED_COLUMNS);
      options.onHeader?.(header);
    },
  })) {
    yield outcomeOf(row, (r) => urnIfReadable(r.get('URN')), parseEstablishmentRow);
  }
}

export function parseEstablishmentsFile(
  source: CsvSource,
  options?: ReadCsvOptions,
): Promise<ParsedFile<EstablishmentRecord>> {
  return collectOutcomes(readEstablishments(source, options));
}
