import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { readCsvRows, type CsvRow, type CsvSource, type ReadCsvOptions } from './csv';
import { GROUP_TYPES, groupTypeCode, readCoded, type GroupTypeCode } from './gias-code-lists';
import {
  companiesHouseNumberOrNull,
  giasDateOrNull,
  readUrn,
  requiredText,
  textOrNull,
  urnIfReadable,
} from './gias-values';
import {
  outcomeOf,
  reject,
  requireColumns,
  type Accepted,
  type Rejected,
  type Rejection,
} from './parse-outcome';

/**
 * Only these GIAS group types are trusts, as in DfE's own APIs; federations, sponsors, foundation
 * trusts and children's-centre groups are GIAS groups but not academy trusts.
 */
export const TrustType = {
  MultiAcademyTrust: 'MultiAcademyTrust',
  SingleAcademyTrust: 'SingleAcademyTrust',
  SecureSingleAcademyTrust: 'SecureSingleAcademyTrust',
} as const;
export type TrustType = (typeof TrustType)[keyof typeof TrustType];

const TRUST_TYPE_BY_GROUP_TYPE: Partial<Record<GroupTypeCode, TrustType>> = {
  '06': TrustType.MultiAcademyTrust,
  '10': TrustType.SingleAcademyTrust,
  '11': TrustType.SecureSingleAcademyTrust,
};

export const GroupStatus = {
  Open: 'Open',
  ProposedToClose: 'ProposedToClose',
  Closed: 'Closed',
} as const;
export type GroupStatus = (typeof GroupStatus)[keyof typeof GroupStatus];

/** GIAS writes the status as a code ("PROPOSED_TO_CLOSE") in some files and a name in others. */
const GROUP_STATUS_BY_KEY = new Map<string, GroupStatus>([
  ['open', GroupStatus.Open],
  ['proposedtoclose', GroupStatus.ProposedToClose],
  ['openbutproposedtoclose', GroupStatus.ProposedToClose],
  ['closed', GroupStatus.Closed],
]);

/** An establishment's membership of a trust, from one row of a GIAS group-links file. */
export interface GroupLinkRecord {
  urn: number;
  /** GIAS Group UID: the trust's key, the same number as `Trusts (code)` in establishment files. */
  groupUid: number;
  /** The trust reference number, "TR" and digits, where the file has a `Group ID` column. */
  groupId: string | null;
  groupName: string;
  trustType: TrustType;
  groupTypeCode: GroupTypeCode;
  groupTypeName: string;
  /** 8 characters with leading zeros kept. */
  companiesHouseNumber: string | null;
  groupStatus: GroupStatus | null;
  groupClosedDate: IsoDate | null;
  /** When the establishment joined the trust; null where GIAS leaves it empty. */
  joinedDate: IsoDate | null;
  establishmentName: string | null;
}

/** A row linking an establishment to a GIAS group that is not a trust (a sponsor, a federation…). */
export interface NotATrust {
  kind: 'notATrust';
  rowNumber: number;
  urn: number | null;
  groupUid: number | null;
  groupName: string | null;
  groupTypeCode: GroupTypeCode;
  groupTypeName: string;
}

export type GroupLinkOutcome = Accepted<GroupLinkRecord> | NotATrust | Rejected;

const REQUIRED_COLUMNS = [
  ['URN'],
  ['Group UID', 'Linked UID'],
  ['Group Name'],
  ['Group Type (code)', 'Group Type (name)', 'Group Type'],
];

function readGroupUid(value: string | undefined): number {
  const text = textOrNull(value) ?? reject('Group UID is empty');
  if (!/^\d+$/.test(text)) reject(`Group UID "${text}" is not a number`);
  return Number(text);
}

function groupUidIfReadable(row: CsvRow): number | null {
  const text = row.get('Group UID', 'Linked UID') ?? '';
  return /^\d+$/.test(text) ? Number(text) : null;
}

function readGroupStatus(row: CsvRow): GroupStatus | null {
  const text = textOrNull(row.get('Group Status (code)', 'Group Status (name)', 'Group Status'));
  if (text === null) return null;
  return (
    GROUP_STATUS_BY_KEY.get(text.toLowerCase().replace(/[^a-z]+/g, '')) ??
    reject(`Group Status "${text}" is not a known GIAS group status`)
  );
}

function readGroupId(value: string | undefined): string | null {
  const text = textOrNull(value)?.toUpperCase();
  if (text === null || text === undefined) return null;
  if (!/^TR\d+$/.test(text)) reject(`Group ID "${text}" is not a trust reference number (TR…)`);
  return text;
}

export function parseGroupLinkRow(row: CsvRow): GroupLinkRecord | NotATrust {
  const misalignment = row.misalignment();
  if (misalignment) reject(misalignment);

  const groupType = readCoded(row, GROUP_TYPES, groupTypeCode) ?? reject('Group Type is empty');
  const trustType = TRUST_TYPE_BY_GROUP_TYPE[groupType.code];
  if (!trustType) {
    return {
      kind: 'notATrust',
      rowNumber: row.rowNumber,
      urn: urnIfReadable(row.get('URN')),
      groupUid: groupUidIfReadable(row),
      groupName: textOrNull(row.get('Group Name')),
      groupTypeCode: groupType.code,
      groupTypeName: groupType.name,
    };
  }

  return {
    urn: readUrn(row.get('URN')),
    groupUid: readGroupUid(row.get('Group UID', 'Linked UID')),
    groupId: readGroupId(row.get('Group ID')),
    groupName: requiredText(row.get('Group Name'), 'Group Name'),
    trustType,
    groupTypeCode: groupType.code,
    groupTypeName: groupType.name,
    companiesHouseNumber: companiesHouseNumberOrNull(
      row.get('Companies House Number'),
      'Companies House Number',
    ),
    groupStatus: readGroupStatus(row),
    groupClosedDate: giasDateOrNull(row.get('Closed Date'), 'Closed Date'),
    joinedDate: giasDateOrNull(row.get('Joined date'), 'Joined date'),
    establishmentName: textOrNull(row.get('EstablishmentName')),
  };
}

function isNotATrust(parsed: GroupLinkRecord | NotATrust): parsed is NotATrust {
  return 'kind' in parsed;
}

/** Streams a GIAS group-links file: a trust membership, a non-trust group, or a rejection per row. */
export async function* readGroupLinks(
  source: CsvSource,
  options: ReadCsvOptions = {},
): AsyncGenerator<GroupLinkOutcome> {
  const file = typeof source === 'string' ? source : 'group links file';
  for await (const row of readCsvRows(source, {
    ...options,
    onHeader: (header) => {
      requireColumns(header, file, REQUIRED_COLUMNS);
      options.onHeader?.(header);
    },
  })) {
    const outcome = outcomeOf(row, (r) => urnIfReadable(r.get('URN')), parseGroupLinkRow);
    if (outcome.kind === 'accepted' && isNotATrust(outcome.record)) yield outcome.record;
    else yield outcome as Accepted<GroupLinkRecord> | Rejected;
  }
}

export interface ParsedGroupLinksFile {
  rowsRead: number;
  records: GroupLinkRecord[];
  notTrusts: NotATrust[];
  rejections: Rejection[];
}

export async function parseGroupLinksFile(
  source: CsvSource,
  options?: ReadCsvOptions,
): Promise<ParsedGroupLinksFile> {
  const parsed: ParsedGroupLinksFile = { rowsRead: 0, records: [], notTrusts: [], rejections: [] };
  for await (const outcome of readGroupLinks(source, options)) {
    parsed.rowsRead += 1;
    if (outcome.kind === 'accepted') parsed.records.push(outcome.record);
    else if (outcome.kind === 'notATrust') parsed.notTrusts.push(outcome);
    else parsed.rejections.push(outcome.rejection);
  }
  return parsed;
}
