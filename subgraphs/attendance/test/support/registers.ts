import { migrate, type MikroORM, QueryLog } from '@estate/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import { upnCheckLetter } from '../../src/domain/upn';
import { createAttendanceOrm, SCHEMA } from '../../src/orm';
import {
  type BatchSource,
  ingestRegister,
  type IngestionResult,
  type MarkSubmission,
  type PupilSubmission,
  type RegisterBatch,
} from '../../src/modules/register/ingestion';
import { runSql } from '../../src/sql';

export interface AttendanceDb {
  orm: MikroORM;
  queryLog: QueryLog;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A migrated, empty attendance schema in a database of its own, with every statement logged. */
export async function startAttendanceDb(label: string): Promise<AttendanceDb> {
  const database = await createTestDatabase(label);
  const queryLog = new QueryLog();
  const orm = await createAttendanceOrm(database.url, queryLog);
  await migrate(orm, SCHEMA);
  return {
    orm,
    queryLog,
    database,
    async close() {
      await orm.close();
      await database.drop();
    },
  };
}

/** A valid UPN with its check letter, distinct for each (school, n). */
export function upn(n: number, estab = 2001): string {
  const body = `806${String(estab).padStart(4, '0')}25${String(n).padStart(3, '0')}`;
  return `${upnCheckLetter(body)}${body}`;
}

/** A pupil of compulsory school age (10 at the start of 2025/26) on roll all year. */
export function pupil(upnValue: string, overrides: Partial<PupilSubmission> = {}): PupilSubmission {
  return {
    upn: upnValue,
    dateOfBirth: '2015-03-01',
    yearGroup: 5,
    sex: 'F',
    freeSchoolMeals: false,
    senStatus: 'N',
    englishAsAdditionalLanguage: false,
    admittedOn: '2025-09-01',
    leftOn: null,
    ...overrides,
  };
}

/** One mark per code, on consecutive sessions (AM then PM) from the weekdays given. */
export function marksOf(upnValue: string, dates: string[], codes: string[]): MarkSubmission[] {
  return codes.map((code, index) => ({
    upn: upnValue,
    date: dates[Math.floor(index / 2)]!,
    session: index % 2 === 0 ? 'AM' : 'PM',
    code,
  }));
}

/** `n` copies of `code`. */
export function times(n: number, code: string): string[] {
  return Array.from({ length: n }, () => code);
}

export const TRUSTED: BatchSource = { source: 'test', vendorId: null, mayWrite: true };
export const LIMITS = { maxMarks: 5_000, maxPupils: 2_500, today: '2026-12-03' };

export function submit(
  orm: MikroORM,
  batch: RegisterBatch,
  source: BatchSource = TRUSTED,
): Promise<IngestionResult> {
  return ingestRegister(orm.em.fork(), batch, source, LIMITS);
}

export async function countRows(orm: MikroORM, table: string): Promise<number> {
  const [row] = await runSql<{ n: number }>(
    orm.em.fork(),
    `select count(*)::int as n from attendance.${table}`,
  );
  return row?.n ?? 0;
}
