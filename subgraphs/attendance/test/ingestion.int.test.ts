import type { InputProblem } from '@estate/subgraph-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSql } from '../src/sql';
import { weekdays } from './factories';
import {
  type AttendanceDb,
  countRows,
  LIMITS,
  marksOf,
  pupil,
  startAttendanceDb,
  submit,
  times,
  upn,
} from './support/registers';
import { ingestRegister } from '../src/modules/register/ingestion';

let db: AttendanceDb;
const URN = 136330;
const DAYS = weekdays('2025-09-08', '2025-10-17');
const ALICE = upn(1);
const BOB = upn(2);

beforeAll(async () => {
  db = await startAttendanceDb('attendance_ingestion');
});
afterAll(() => db?.close());
beforeEach(async () => {
  await runSql(
    db.orm.em.fork(),
    `truncate attendance.mark, attendance.mark_history, attendance.daily_rollup,
       attendance.enrolment_day, attendance.enrolment, attendance.register_submission`,
  );
});

async function errorOf(
  work: Promise<unknown>,
): Promise<{ code: string; problems: InputProblem[]; message: string }> {
  try {
    await work;
  } catch (error) {
    const e = error as {
      message: string;
      extensions?: { code?: string; problems?: InputProblem[] };
    };
    return {
      code: e.extensions?.code ?? '',
      problems: e.extensions?.problems ?? [],
      message: e.message,
    };
  }
  throw new Error('expected the batch to be refused');
}

const week = (upnValue: string, codes: string[]) => marksOf(upnValue, DAYS, codes);

describe('submitting a register', () => {
  it('inserts new marks and reports them', async () => {
    const result = await submit(db.orm, {
      urn: URN,
      pupils: [pupil(ALICE), pupil(BOB)],
      marks: [...week(ALICE, times(10, '/')), ...week(BOB, times(10, '/'))],
    });
    expect(result).toMatchObject({
      inserted: 20,
      amended: 0,
      unchanged: 0,
      pupils: 2,
      replayed: false,
    });
    expect(await countRows(db.orm, 'mark')).toBe(20);
  });

  it('updates a pupil whose details changed and leaves the rest of the roll unwritten', async () => {
    const versions = async () =>
      new Map(
        (
          await runSql<{ upn: string; version: string; fsm: boolean }>(
            db.orm.em.fork(),
            'select upn, xmin::text as version, fsm from attendance.enrolment',
          )
        ).map((row) => [row.upn, row]),
      );
    await submit(db.orm, { urn: URN, pupils: [pupil(ALICE), pupil(BOB)], marks: [] });
    const before = await versions();
    await submit(db.orm, {
      urn: URN,
      pupils: [pupil(ALICE), pupil(BOB, { freeSchoolMeals: true })],
      marks: week(ALICE, times(2, '/')),
    });
    const after = await versions();
    expect(after.get(ALICE)!.version).toBe(before.get(ALICE)!.version);
    expect(after.get(BOB)!.version).not.toBe(before.get(BOB)!.version);
    expect(after.get(BOB)!.fsm).toBe(true);
  });

  it('treats a resend of the same marks without a key as unchanged (natural key upsert)', async () => {
    const batch = { urn: URN, pupils: [pupil(ALICE)], marks: week(ALICE, times(6, '/')) };
    await submit(db.orm, batch);
    const again = await submit(db.orm, batch);
    expect(again).toMatchObject({ inserted: 0, amended: 0, unchanged: 6 });
    expect(await countRows(db.orm, 'mark')).toBe(6);
    expect(await countRows(db.orm, 'mark_history')).toBe(0);
  });

  it('returns the first response for the same idempotency key, writing nothing more', async () => {
    const batch = {
      urn: URN,
      idempotencyKey: 'a3d5c1e2-key',
      pupils: [pupil(ALICE)],
      marks: week(ALICE, ['/', '\\', 'N', 'N']),
    };
    const first = await submit(db.orm, batch);
    const submissionsAfterFirst = await countRows(db.orm, 'register_submission');
    const second = await submit(db.orm, batch);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await countRows(db.orm, 'register_submission')).toBe(submissionsAfterFirst);
    expect(await countRows(db.orm, 'mark')).toBe(4);
  });

  it('refuses the same key with a different payload and writes nothing', async () => {
    await submit(db.orm, {
      urn: URN,
      idempotencyKey: 'k-1',
      pupils: [pupil(ALICE)],
      marks: week(ALICE, ['/']),
    });
    const refused = await errorOf(
      submit(db.orm, {
        urn: URN,
        idempotencyKey: 'k-1',
        pupils: [pupil(ALICE)],
        marks: week(ALICE, ['I']),
      }),
    );
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.problems[0]?.path).toBe('idempotencyKey');
    const [mark] = await runSql<{ code: string }>(
      db.orm.em.fork(),
      'select code from attendance.mark',
    );
    expect(mark?.code).toBe('/');
    expect(await countRows(db.orm, 'register_submission')).toBe(1);
  });

  it('executes exactly one of two concurrent submissions with the same key', async () => {
    const batch = {
      urn: URN,
      idempotencyKey: 'concurrent',
      pupils: [pupil(ALICE)],
      marks: week(ALICE, times(8, 'O')),
    };
    const [a, b] = await Promise.all([submit(db.orm, batch), submit(db.orm, batch)]);
    expect(a.submissionId).toBe(b.submissionId);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await countRows(db.orm, 'register_submission')).toBe(1);
    expect(await countRows(db.orm, 'mark')).toBe(8);
  });

  it('keeps the previous code in history when a mark is amended, with time and source', async () => {
    await submit(db.orm, {
      urn: URN,
      pupils: [pupil(ALICE)],
      marks: [
        {
          upn: ALICE,
          date: DAYS[0]!,
          session: 'AM',
          code: 'N',
          recordedAt: '2025-09-08T09:05:00Z',
        },
      ],
    });
    const amended = await submit(
      db.orm,
      {
        urn: URN,
        pupils: [],
        marks: [
          {
            upn: ALICE,
            date: DAYS[0]!,
            session: 'AM',
            code: 'I',
            recordedAt: '2025-09-10T08:00:00Z',
          },
        ],
      },
      { source: 'vendor:arbor', vendorId: 'arbor', mayWrite: true },
    );
    expect(amended).toMatchObject({ amended: 1, inserted: 0 });
    const em = db.orm.em.fork();
    const [current] = await runSql<{ code: string }>(em, 'select code from attendance.mark');
    expect(current?.code).toBe('I');
    const history = await runSql<{
      code: string;
      replaced_by_code: string;
      source: string;
      replaced_at: string;
    }>(em, 'select code, replaced_by_code, source, replaced_at from attendance.mark_history');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ code: 'N', replaced_by_code: 'I', source: 'vendor:arbor' });
    expect(Date.now() - new Date(history[0]!.replaced_at).getTime()).toBeLessThan(60_000);

    // A value the MIS recorded before the current one, arriving late, is ignored.
    const late = await submit(db.orm, {
      urn: URN,
      pupils: [],
      marks: [
        {
          upn: ALICE,
          date: DAYS[0]!,
          session: 'AM',
          code: 'O',
          recordedAt: '2025-09-09T08:00:00Z',
        },
      ],
    });
    expect(late).toMatchObject({ stale: 1, amended: 0 });
    const [still] = await runSql<{ code: string }>(em, 'select code from attendance.mark');
    expect(still?.code).toBe('I');
    expect(await countRows(db.orm, 'mark_history')).toBe(1);
    // The rollups follow the current code only.
    const rollup = await runSql<{ code: string; sessions: number }>(
      em,
      `select code, sessions from attendance.daily_rollup where dimension = 'all' and sessions > 0`,
    );
    expect(rollup).toEqual([{ code: 'I', sessions: 1 }]);
  });

  it('writes nothing from a batch with problems, lists every one with its index, and accepts the fixed retry', async () => {
    const refused = await errorOf(
      submit(db.orm, {
        urn: URN,
        pupils: [pupil(ALICE), pupil('A123', {}), pupil(BOB, { admittedOn: '2025-09-15' })],
        marks: [
          { upn: ALICE, date: DAYS[0]!, session: 'AM', code: '/' },
          { upn: ALICE, date: DAYS[0]!, session: 'PM', code: 'QQ' },
          { upn: ALICE, date: '2027-01-04', session: 'AM', code: '/' },
          { upn: BOB, date: DAYS[0]!, session: 'AM', code: '/' },
          { upn: ALICE, date: DAYS[1]!, session: 'AM', code: 'H' },
          { upn: ALICE, date: DAYS[1]!, session: 'XX', code: '/' },
        ],
      }),
    );
    expect(refused.code).toBe('BAD_USER_INPUT');
    const paths = refused.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'pupils[1].upn',
        'marks[1].code',
        'marks[2].date',
        'marks[3].date',
        'marks[4].code',
        'marks[5].session',
      ]),
    );
    expect(paths).not.toContain('marks[0].code');
    for (const table of [
      'mark',
      'enrolment',
      'daily_rollup',
      'enrolment_day',
      'register_submission',
    ]) {
      expect(await countRows(db.orm, table)).toBe(0);
    }
    const retried = await submit(db.orm, {
      urn: URN,
      pupils: [pupil(ALICE)],
      marks: [{ upn: ALICE, date: DAYS[0]!, session: 'AM', code: '/' }],
    });
    expect(retried.inserted).toBe(1);
  });

  it('refuses a URN the caller may not write, as a problem of the batch', async () => {
    const refused = await errorOf(
      submit(
        db.orm,
        { urn: URN, pupils: [pupil(ALICE)], marks: [] },
        { source: 'vendor:x', vendorId: 'x', mayWrite: false },
      ),
    );
    expect(refused.problems).toEqual([
      { path: 'urn', message: 'the caller may not write registers for this URN' },
    ]);
    expect(await countRows(db.orm, 'enrolment')).toBe(0);
  });

  it('accepts legacy codes only for sessions before 19 August 2024, and new codes only from then', async () => {
    const old = { ...pupil(ALICE), admittedOn: '2023-09-01' };
    const refused = await errorOf(
      submit(db.orm, {
        urn: URN,
        pupils: [old],
        marks: [
          { upn: ALICE, date: '2024-03-04', session: 'AM', code: 'H' },
          { upn: ALICE, date: '2024-03-04', session: 'PM', code: 'C1' },
        ],
      }),
    );
    expect(refused.problems.map((p) => p.path)).toEqual(['marks[1].code']);
    const accepted = await submit(db.orm, {
      urn: URN,
      pupils: [old],
      marks: [{ upn: ALICE, date: '2024-03-04', session: 'AM', code: 'H' }],
    });
    expect(accepted.inserted).toBe(1);
  });

  it('points a batch over the limit at the bulk path', async () => {
    const refused = await errorOf(
      ingestRegister(
        db.orm.em.fork(),
        { urn: URN, pupils: [pupil(ALICE)], marks: week(ALICE, times(12, '/')) },
        { source: 'test', vendorId: null, mayWrite: true },
        { ...LIMITS, maxMarks: 10 },
      ),
    );
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toContain('pnpm import registers');
    expect(await countRows(db.orm, 'mark')).toBe(0);
  });
});

describe('rollups', () => {
  it('equal a recomputation from the marks after inserts, amendments, resends and a change of groups', async () => {
    const pupils = [
      pupil(ALICE, { freeSchoolMeals: true, senStatus: 'K', yearGroup: 5 }),
      pupil(BOB, { sex: 'M', englishAsAdditionalLanguage: true, yearGroup: 6 }),
      pupil(upn(3), { dateOfBirth: '2021-10-01', yearGroup: 0 }),
    ];
    const codes = [
      '/',
      '\\',
      'L',
      'I',
      'M',
      'O',
      'N',
      'G',
      'U',
      'V',
      'D',
      '#',
      'Y1',
      'X',
      'B',
      'K',
    ];
    await submit(db.orm, {
      urn: URN,
      pupils,
      marks: pupils.flatMap((p, i) => week(p.upn, [...codes.slice(i), ...codes.slice(0, i)])),
    });
    await submit(db.orm, { urn: URN, pupils: [], marks: week(ALICE, ['I', 'I', 'I', 'O', 'N']) });
    await submit(db.orm, { urn: URN + 1, pupils: [pupil(ALICE)], marks: week(ALICE, ['/', 'N']) });
    // An amendment after the pupil's groups changed comes off the rollups it went into.
    await submit(db.orm, {
      urn: URN,
      pupils: [pupil(ALICE, { freeSchoolMeals: false, senStatus: 'E', yearGroup: 5 })],
      marks: week(ALICE, ['/', '/', 'L']),
    });
    const em = db.orm.em.fork();
    const dimensions = `(values ('all', ''), ('fsm', m.fsm::text), ('sen', m.sen_status::text),
      ('yearGroup', m.year_group::text), ('sex', m.sex::text), ('eal', m.eal::text))`;
    const recomputed = await runSql(
      em,
      `select m.urn, to_char(m.date, 'YYYY-MM-DD') as date, g.dimension, g.value as group_value,
              m.headline, m.code, count(*)::int as sessions
       from attendance.mark m cross join lateral ${dimensions} as g(dimension, value)
       group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`,
    );
    const stored = await runSql(
      em,
      `select urn, to_char(date, 'YYYY-MM-DD') as date, dimension, group_value, headline, code, sessions
       from attendance.daily_rollup where sessions > 0 order by 1, 2, 3, 4, 5, 6`,
    );
    expect(stored.length).toBeGreaterThan(50);
    expect(stored).toEqual(recomputed);

    const days = await runSql(
      em,
      `select urn, enrolment_id, to_char(date, 'YYYY-MM-DD') as date, possible::int, absence::int, unauthorised::int
       from attendance.enrolment_day where possible > 0 order by 1, 2, 3`,
    );
    const daysFromMarks = await runSql(
      em,
      `select m.urn, m.enrolment_id, to_char(m.date, 'YYYY-MM-DD') as date,
              count(*) filter (where c.statistical_class <> 'notCounted')::int as possible,
              count(*) filter (where c.statistical_class in ('authorisedAbsence', 'unauthorisedAbsence'))::int as absence,
              count(*) filter (where c.statistical_class = 'unauthorisedAbsence')::int as unauthorised
       from attendance.mark m join attendance.register_code c on c.code = m.code
       where m.headline group by 1, 2, 3 having count(*) filter (where c.statistical_class <> 'notCounted') > 0
       order by 1, 2, 3`,
    );
    expect(days).toEqual(daysFromMarks);
  });
});
