import type { CsvRow } from './csv';
import { textOrNull } from './gias-values';
import { reject } from './parse-outcome';

/**
 * GIAS code lists, encoded here rather than read from a data file at run time. Names are GIAS's
 * own as published in April 2025 (edubasealldata20250422-establishment-types.csv); aliases are
 * spellings from older extracts and from DfE code (CAPT `School::SCHOOL_TYPES`), so that files
 * which carry only names can still be mapped back to codes.
 */
export interface CodeListEntry<Code extends number | string = number> {
  code: Code;
  name: string;
  aliases?: readonly string[];
}

/** Case, punctuation and "16-19" / "16 to 19" differences are not meaningful in GIAS names. */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\bto\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '');
}

export class CodeList<Code extends number | string = number> {
  private readonly byCodeMap = new Map<Code, CodeListEntry<Code>>();
  private readonly byNameMap = new Map<string, CodeListEntry<Code>>();

  constructor(
    /** The GIAS column stem, e.g. "TypeOfEstablishment", used in rejection reasons. */
    readonly column: string,
    readonly entries: readonly CodeListEntry<Code>[],
  ) {
    for (const entry of entries) {
      this.byCodeMap.set(entry.code, entry);
      for (const name of [entry.name, ...(entry.aliases ?? [])]) {
        this.byNameMap.set(nameKey(name), entry);
      }
    }
  }

  byCode(code: Code): CodeListEntry<Code> | undefined {
    return this.byCodeMap.get(code);
  }

  byName(name: string): CodeListEntry<Code> | undefined {
    return this.byNameMap.get(nameKey(name));
  }
}

export const ESTABLISHMENT_TYPE_GROUPS = new CodeList<number>('EstablishmentTypeGroup', [
  { code: 1, name: 'Colleges' },
  { code: 2, name: 'Universities' },
  { code: 3, name: 'Independent schools' },
  { code: 4, name: 'Local authority maintained schools', aliases: ['LA maintained schools'] },
  { code: 5, name: 'Special schools' },
  { code: 6, name: 'Welsh schools' },
  { code: 9, name: 'Other types', aliases: ['Other'] },
  { code: 10, name: 'Academies' },
  { code: 11, name: 'Free Schools' },
  { code: 13, name: 'Online provider', aliases: ['Online'] },
]);

export interface EstablishmentTypeEntry extends CodeListEntry {
  /** The EstablishmentTypeGroup the type belongs to, for files that omit the group. */
  groupCode: number;
}

const ESTABLISHMENT_TYPE_ENTRIES: readonly EstablishmentTypeEntry[] = [
  { code: 1, groupCode: 4, name: 'Community school' },
  { code: 2, groupCode: 4, name: 'Voluntary aided school', aliases: ['Voluntary aided'] },
  { code: 3, groupCode: 4, name: 'Voluntary controlled school', aliases: ['Voluntary controlled'] },
  { code: 5, groupCode: 4, name: 'Foundation school' },
  { code: 6, groupCode: 3, name: 'City technology college' },
  { code: 7, groupCode: 5, name: 'Community special school', aliases: ['Community special'] },
  { code: 8, groupCode: 5, name: 'Non-maintained special school' },
  { code: 10, groupCode: 5, name: 'Other independent special school' },
  { code: 11, groupCode: 3, name: 'Other independent school' },
  { code: 12, groupCode: 5, name: 'Foundation special school', aliases: ['Foundation special'] },
  { code: 14, groupCode: 4, name: 'Pupil referral unit' },
  {
    code: 15,
    groupCode: 4,
    name: 'Local authority nursery school',
    aliases: ['LA nursery school'],
  },
  { code: 18, groupCode: 1, name: 'Further education' },
  { code: 24, groupCode: 9, name: 'Secure units', aliases: ['Secure unit'] },
  { code: 25, groupCode: 9, name: 'Offshore schools' },
  { code: 26, groupCode: 9, name: "Service children's education" },
  { code: 27, groupCode: 9, name: 'Miscellaneous' },
  { code: 28, groupCode: 10, name: 'Academy sponsor led' },
  { code: 29, groupCode: 2, name: 'Higher education institutions' },
  { code: 30, groupCode: 6, name: 'Welsh establishment' },
  { code: 31, groupCode: 1, name: 'Sixth form centres' },
  { code: 32, groupCode: 9, name: 'Special post 16 institution' },
  { code: 33, groupCode: 10, name: 'Academy special sponsor led' },
  { code: 34, groupCode: 10, name: 'Academy converter' },
  { code: 35, groupCode: 11, name: 'Free schools', aliases: ['Free school'] },
  { code: 36, groupCode: 11, name: 'Free schools special', aliases: ['Free school special'] },
  { code: 37, groupCode: 9, name: 'British schools overseas' },
  {
    code: 38,
    groupCode: 11,
    name: 'Free schools alternative provision',
    aliases: ['Free school alternative provision'],
  },
  { code: 39, groupCode: 11, name: 'Free schools 16 to 19', aliases: ['Free school 16-19'] },
  { code: 40, groupCode: 11, name: 'University technical college' },
  { code: 41, groupCode: 11, name: 'Studio schools', aliases: ['Studio school'] },
  {
    code: 42,
    groupCode: 10,
    name: 'Academy alternative provision converter',
    aliases: ['Academy AP converter'],
  },
  {
    code: 43,
    groupCode: 10,
    name: 'Academy alternative provision sponsor led',
    aliases: ['Academy AP sponsor led'],
  },
  { code: 44, groupCode: 10, name: 'Academy special converter' },
  { code: 45, groupCode: 10, name: 'Academy 16-19 converter' },
  { code: 46, groupCode: 10, name: 'Academy 16 to 19 sponsor led' },
  { code: 49, groupCode: 13, name: 'Online provider' },
  { code: 56, groupCode: 9, name: 'Institution funded by other government department' },
  { code: 57, groupCode: 10, name: 'Academy secure 16 to 19' },
];

export const ESTABLISHMENT_TYPES = new CodeList<number>(
  'TypeOfEstablishment',
  ESTABLISHMENT_TYPE_ENTRIES,
);

export function establishmentTypeGroupOf(typeCode: number): number | undefined {
  return ESTABLISHMENT_TYPE_ENTRIES.find((entry) => entry.code === typeCode)?.groupCode;
}

export const ESTABLISHMENT_STATUSES = new CodeList<number>('EstablishmentStatus', [
  { code: 1, name: 'Open' },
  { code: 2, name: 'Closed' },
  { code: 3, name: 'Open, but proposed to close' },
  { code: 4, name: 'Proposed to open' },
]);

export const PHASES_OF_EDUCATION = new CodeList<number>('PhaseOfEducation', [
  // A real phase, not a placeholder: colleges, Welsh and independent establishments have no phase.
  { code: 0, name: 'Not applicable' },
  { code: 1, name: 'Nursery' },
  { code: 2, name: 'Primary' },
  { code: 3, name: 'Middle deemed primary' },
  { code: 4, name: 'Secondary' },
  { code: 5, name: 'Middle deemed secondary' },
  { code: 6, name: '16 plus' },
  { code: 7, name: 'All-through' },
]);

/** GIAS group type codes as published (two digits), never GIAS's internal enum numbers. */
export type GroupTypeCode = '01' | '02' | '05' | '06' | '07' | '08' | '09' | '10' | '11';

export const GROUP_TYPES = new CodeList<GroupTypeCode>('Group Type', [
  { code: '01', name: 'Federation' },
  { code: '02', name: 'Trust', aliases: ['Foundation trust'] },
  { code: '05', name: 'School sponsor' },
  { code: '06', name: 'Multi-academy trust' },
  { code: '07', name: 'Umbrella trust' },
  { code: '08', name: "Children's centres group" },
  { code: '09', name: "Children's centres collaboration" },
  { code: '10', name: 'Single-academy trust' },
  { code: '11', name: 'Secure single-academy trust' },
]);

/**
 * Reads a coded GIAS field from whichever of its columns the file has: `X (code)` and `X (name)`,
 * only `X (name)`, or a plain `X` (which holds a name, or a code if it is all digits). A code wins
 * over a name; a name is mapped back to its code. Returns null when the file has no value.
 */
export function readCoded<Code extends number | string>(
  row: CsvRow,
  list: CodeList<Code>,
  parseCode: (text: string) => Code | undefined,
): CodeListEntry<Code> | null {
  const { column } = list;
  let codeText = textOrNull(row.get(`${column} (code)`));
  let nameText = row.get(`${column} (name)`, column)?.trim() || null;
  if (codeText === null && nameText !== null && /^\d+$/.test(nameText)) {
    codeText = nameText;
    nameText = null;
  }

  if (codeText !== null) {
    const code = parseCode(codeText);
    const entry = code === undefined ? undefined : list.byCode(code);
    if (!entry) return reject(`${column} code "${codeText}" is not a known GIAS code`);
    const named = nameText === null ? undefined : list.byName(nameText);
    if (named && named.code !== entry.code) {
      reject(`${column} code "${codeText}" (${entry.name}) contradicts name "${nameText}"`);
    }
    return entry;
  }

  // An empty name is no value; "Not applicable" is only a value where the list has it (phase 0).
  if (nameText === null) return null;
  const entry = list.byName(nameText);
  if (entry) return entry;
  if (textOrNull(nameText) === null) return null;
  return reject(`${column} "${nameText}" is not a known GIAS name`);
}

export function numericCode(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

export function groupTypeCode(text: string): GroupTypeCode | undefined {
  if (!/^\d{1,2}$/.test(text)) return undefined;
  const padded = text.padStart(2, '0');
  return GROUP_TYPES.byCode(padded as GroupTypeCode)?.code;
}
