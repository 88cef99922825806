import type { IsoDate } from '@estate/subgraph-kit/src/dates';
import { readCsvRows, type CsvRow, type CsvSource, type ReadCsvOptions } from './csv';
import { giasDateOrNull, readUrn, textOrNull, urnIfReadable } from './gias-values';
import {
  collectOutcomes,
  outcomeOf,
  reject,
  requireColumns,
  type ParsedFile,
  type RowOutcome,
} from './parse-outcome';

/**
 * What the linked establishment is to the row's establishment: in GIAS, `LinkType` describes
 * `LinkURN` relative to `URN` ("Predecessor" ⇒ LinkURN is URN's predecessor). Every value in the
 * national links file of 2025-04-22 is here.
 */
export const LinkType = {
  Predecessor: 'Predecessor',
  Successor: 'Successor',
  PredecessorMerged: 'PredecessorMerged',
  SuccessorMerged: 'SuccessorMerged',
  PredecessorAmalgamated: 'PredecessorAmalgamated',
  SuccessorAmalgamated: 'SuccessorAmalgamated',
  ResultOfAmalgamation: 'ResultOfAmalgamation',
  PredecessorSplit: 'PredecessorSplit',
  SuccessorSplit: 'SuccessorSplit',
  SixthFormCentreSchool: 'SixthFormCentreSchool',
  SixthFormCentreLink: 'SixthFormCentreLink',
  MergedExpansionOfCapacity: 'MergedExpansionOfCapacity',
  MergedChangeInAgeRange: 'MergedChangeInAgeRange',
  MergedExpansionAndChangeInAgeRange: 'MergedExpansionAndChangeInAgeRange',
  Expansion: 'Expansion',
  Closure: 'Closure',
  Other: 'Other',
} as const;
export type LinkType = (typeof LinkType)[keyof typeof LinkType];

const LINK_TYPE_BY_LABEL = new Map<string, LinkType>(
  (
    [
      ['Predecessor', LinkType.Predecessor],
      ['Successor', LinkType.Successor],
      ['Predecessor - merged', LinkType.PredecessorMerged],
      ['Successor - merged', LinkType.SuccessorMerged],
      ['Predecessor - amalgamated', LinkType.PredecessorAmalgamated],
      ['Successor - amalgamated', LinkType.SuccessorAmalgamated],
      ['Result of Amalgamation', LinkType.ResultOfAmalgamation],
      ['Predecessor - Split School', LinkType.PredecessorSplit],
      ['Successor - Split School', LinkType.SuccessorSplit],
      ['Sixth Form Centre School', LinkType.SixthFormCentreSchool],
      ['Sixth Form Centre Link', LinkType.SixthFormCentreLink],
      ['Merged - expansion of school capacity', LinkType.MergedExpansionOfCapacity],
      ['Merged - change in age range', LinkType.MergedChangeInAgeRange],
      // "changer" is GIAS's own typo; the corrected spelling is accepted too.
      [
        'Merged - expansion in school capacity and changer in age range',
        LinkType.MergedExpansionAndChangeInAgeRange,
      ],
      [
        'Merged - expansion in school capacity and change in age range',
        LinkType.MergedExpansionAndChangeInAgeRange,
      ],
      ['Expansion', LinkType.Expansion],
      ['Closure', LinkType.Closure],
      ['Other', LinkType.Other],
    ] as const
  ).map(([label, type]) => [linkLabelKey(label), type]),
);

function linkLabelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function linkTypeFromLabel(label: string): LinkType | undefined {
  return LINK_TYPE_BY_LABEL.get(linkLabelKey(label));
}

/**
 * The type the same link has when seen from the other end, so that a link can be stored once and
 * read in both directions whichever of its two rows was imported first. The pairs are those the
 * national file itself uses (measured on 2025-04-22: 16,218 Predecessor rows have the Successor row
 * back, 48 sixth-form centre links pair "Link" with "School"). "Result of Amalgamation", the
 * "Merged - …" types, Expansion, Closure and Other are written the same way from both ends.
 */
export function inverseLinkType(type: LinkType): LinkType {
  switch (type) {
    case LinkType.Predecessor:
      return LinkType.Successor;
    case LinkType.Successor:
      return LinkType.Predecessor;
    case LinkType.PredecessorMerged:
      return LinkType.SuccessorMerged;
    case LinkType.SuccessorMerged:
      return LinkType.PredecessorMerged;
    case LinkType.PredecessorAmalgamated:
      return LinkType.SuccessorAmalgamated;
    case LinkType.SuccessorAmalgamated:
      return LinkType.PredecessorAmalgamated;
    case LinkType.PredecessorSplit:
      return LinkType.SuccessorSplit;
    case LinkType.SuccessorSplit:
      return LinkType.PredecessorSplit;
    case LinkType.SixthFormCentreSchool:
      return LinkType.SixthFormCentreLink;
    case LinkType.SixthFormCentreLink:
      return LinkType.SixthFormCentreSchool;
    default:
      return type;
  }
}

/** One row of `links_edubasealldata*.csv`: `linkedUrn` is the `linkType` of `urn`. */
export interface EstablishmentLinkRecord {
  urn: number;
  linkedUrn: number;
  /** The linked establishment's name as GIAS printed it in the links file. */
  linkedName: string | null;
  linkType: LinkType;
  /** `LinkType` exactly as the file wrote it, for display and audit. */
  linkTypeLabel: string;
  /** Null for about a quarter of national links, mostly old ones: GIAS leaves the date empty. */
  establishedDate: IsoDate | null;
}

const REQUIRED_COLUMNS = [['URN'], ['LinkURN'], ['LinkType']];

export function parseLinkRow(row: CsvRow): EstablishmentLinkRecord {
  const misalignment = row.misalignment();
  if (misalignment) reject(misalignment);
  const urn = readUrn(row.get('URN'));
  const linkedUrn = readUrn(row.get('LinkURN'), 'LinkURN');
  if (linkedUrn === urn) reject(`LinkURN ${linkedUrn} links the establishment to itself`);
  const linkTypeLabel = textOrNull(row.get('LinkType')) ?? reject('LinkType is empty');
  const linkType =
    linkTypeFromLabel(linkTypeLabel) ??
    reject(`LinkType "${linkTypeLabel}" is not a known GIAS link type`);
  return {
    urn,
    linkedUrn,
    linkedName: textOrNull(row.get('LinkName')),
    linkType,
    linkTypeLabel,
    establishedDate: giasDateOrNull(row.get('LinkEstablishedDate'), 'LinkEstablishedDate'),
  };
}

export async function* readEstablishmentLinks(
  source: CsvSource,
  options: ReadCsvOptions = {},
): AsyncGenerator<RowOutcome<EstablishmentLinkRecord>> {
  const file = typeof source === 'string' ? source : 'links file';
  for await (const row of readCsvRows(source, {
    ...options,
    onHeader: (header) => {
      requireColumns(header, file, REQUIRED_COLUMNS);
      options.onHeader?.(header);
    },
  })) {
    yield outcomeOf(row, (r) => urnIfReadable(r.get('URN')), parseLinkRow);
  }
}

export function parseEstablishmentLinksFile(
  source: CsvSource,
  options?: ReadCsvOptions,
): Promise<ParsedFile<EstablishmentLinkRecord>> {
  return collectOutcomes(readEstablishmentLinks(source, options));
}
