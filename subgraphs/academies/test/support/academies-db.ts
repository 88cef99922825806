import { type MikroORM, migrate, type QueryLog, Role, signViewer } from '@estate/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import { fileURLToPath } from 'node:url';
import { readAcademiesConfig } from '../../src/config';
import { createAcademiesOrm, SCHEMA } from '../../src/orm';

/** A migrated academies schema in a database of its own, for one integration suite. */
export interface AcademiesTestDb {
  orm: MikroORM;
  database: TestDatabase;
  /** Every table's rows in a stable order: equal dumps mean equal data. */
  dump(): Promise<Record<string, unknown[]>>;
  count(table: string): Promise<number>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

const TABLES = {
  local_authority: 'select * from academies.local_authority order by code',
  school: 'select * from academies.school order by urn',
  trust: 'select * from academies.trust order by group_uid',
  // The serial id depends on insertion order, which is exactly what order tests vary.
  trust_membership:
    'select group_uid, urn, joined_on, left_on from academies.trust_membership order by group_uid, urn, joined_on',
  school_link: 'select * from academies.school_link order by urn, linked_urn, link_type',
};

export async function openAcademiesTestDb(
  label: string,
  queryLog?: QueryLog,
): Promise<AcademiesTestDb> {
  const database = await createTestDatabase(label);
  const orm = await createAcademiesOrm(database.url, queryLog);
  await migrate(orm, SCHEMA);
  const connection = () => orm.em.fork().getConnection();
  return {
    orm,
    database,
    async dump() {
      const entries = await Promise.all(
        Object.entries(TABLES).map(async ([table, sql]) => [
          table,
          await connection().execute(sql),
        ]),
      );
      return Object.fromEntries(entries) as Record<string, unknown[]>;
    },
    async count(table) {
      const [row] = await connection().execute<{ total: string }[]>(
        `select count(*) as total from academies.${table}`,
      );
      return Number(row?.total ?? 0);
    },
    async clear() {
      await connection().execute(
        'truncate academies.school_link, academies.trust_membership, academies.trust, academies.school, academies.local_authority',
      );
    },
    async close() {
      await orm.close();
      await database.drop();
    },
  };
}

export const TEST_CONFIG = readAcademiesConfig({ GATEWAY_SECRET: 'test-gateway-secret' });

/** The headers the gateway would add for a DfE user, so the kit server accepts the request. */
export function gatewayHeaders(): Record<string, string> {
  return signViewer({ role: Role.DfE, subject: 'test' }, TEST_CONFIG.gatewaySecret);
}

export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** Files in the shared real-data folder beside the repository; tests skip when it is absent. */
export const realData = (path: string): string =>
  fileURLToPath(new URL(`../../../../../shared/data/real/${path}`, import.meta.url));

/** A CSV file's bytes from a header and rows, for the small what-if files tests need. */
export function csvBytes(header: string[], rows: (string | number)[][]): Uint8Array {
  const line = (cells: (string | number)[]) =>
    cells.map((cell) => `"${String(cell).replace(/"/g, '""')}"`).join(',');
  return Buffer.from([line(header), ...rows.map(line)].join('\r\n') + '\r\n', 'utf8');
}
