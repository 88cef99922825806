import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegisterCsv, REGISTER_CSV_COLUMNS } from '../src/import/registers';
import { runSql } from '../src/sql';
import { weekdays } from './factories';
import { type AttendanceDb, countRows, startAttendanceDb, upn } from './support/registers';

let db: AttendanceDb;
const dir = mkdtempSync(join(tmpdir(), 'registers-'));
const DAYS = weekdays('2025-09-08', '2025-10-31');

function csv(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, [REGISTER_CSV_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n'));
  return path;
}

function row(urn: number, pupilUpn: string, date: string, session: string, code: string): string[] {
  const escaped = code === '\\' ? '\\' : code;
  return [
    String(urn),
    pupilUpn,
    '2014-05-02',
    '6',
    'M',
    'true',
    'K',
    'false',
    '2025-09-01',
    '',
    date,
    session,
    escaped,
    '',
  ];
}

beforeAll(async () => {
  db = await startAttendanceDb('attendance_bulk');
});
afterAll(() => db?.close());

describe('bulk import through COPY', () => {
  it('stages the CSV, then validates and upserts it as submitRegister does, reporting progress', async () => {
    const rows = [136330, 111001].flatMap((urn) =>
      [1, 2, 3].flatMap((n) =>
        DAYS.flatMap((date, i) => [
          row(urn, upn(n), date, 'AM', i % 10 === 0 ? 'I' : '/'),
          row(urn, upn(n), date, 'PM', '\\'),
        ]),
      ),
    );
    const progress: string[] = [];
    const report = await importRegisterCsv(db.orm, csv('good.csv', rows), (m) => progress.push(m));
    expect(report).toMatchObject({ rows: rows.length, schools: 2, inserted: rows.length });
    expect(await countRows(db.orm, 'mark')).toBe(rows.length);
    expect(await countRows(db.orm, 'enrolment')).toBe(6);
    expect(progress.some((m) => m.includes('rows written'))).toBe(true);
    const [rollup] = await runSql<{ sessions: number }>(
      db.orm.em.fork(),
      `select sum(sessions)::int as sessions from attendance.daily_rollup where dimension = 'sen' and group_value = 'K'`,
    );
    expect(rollup?.sessions).toBe(rows.length);
    expect(await countRows(db.orm, 'import_staging')).toBe(0);

    const again = await importRegisterCsv(db.orm, csv('good-again.csv', rows), () => undefined);
    expect(again).toMatchObject({ inserted: 0, unchanged: rows.length });
  });

  it('writes nothing from a file with a bad line and names the line', async () => {
    const before = await countRows(db.orm, 'mark');
    const rows = [
      row(136339, upn(7), DAYS[0]!, 'AM', '/'),
      row(136339, upn(7), DAYS[0]!, 'PM', 'QQ'),
      row(136339, upn(7), DAYS[1]!, 'AM', '/'),
    ];
    await expect(
      importRegisterCsv(db.orm, csv('bad.csv', rows), () => undefined),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'line 3: code' }] },
    });
    expect(await countRows(db.orm, 'mark')).toBe(before);
    expect(await countRows(db.orm, 'import_staging')).toBe(0);
  });
});
