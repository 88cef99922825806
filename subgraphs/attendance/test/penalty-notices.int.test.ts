import { addDays, type Viewer } from '@estate/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PenaltyNoticeService } from '../src/modules/penalty/penalty-notice.service';
import { PenaltyNoticeKindValue } from '../src/modules/penalty/penalty-notice.type';
import { ingestRegister, type MarkSubmission } from '../src/modules/register/ingestion';
import { runSql } from '../src/sql';
import { weekdays } from './factories';
import {
  type AttendanceDb,
  countRows,
  pupil,
  startAttendanceDb,
  TRUSTED,
  upn,
} from './support/registers';

/**
 * The framework's rules over more than 3 years (domain.md §2.7). The service is built with a
 * "today" in 2028 so that the whole of a 3-year window can be walked through.
 */
const URN = 136339;
const TODAY = '2028-06-30';
const CHILD = upn(21);
const SIBLING = upn(22);
const QUIET = upn(23);
const { PENALTY_NOTICE: PN, NOTICE_TO_IMPROVE: NTI } = PenaltyNoticeKindValue;

/** Each of these Fridays ends a week of unauthorised absence (10 sessions): the threshold is met. */
const TRUANT_FRIDAYS = [
  '2024-10-18',
  '2025-03-14',
  '2025-11-21',
  '2026-10-16',
  '2027-10-22',
  '2027-11-19',
];
const LA: Viewer = { role: 'LA', laCode: '806', schools: [{ urn: URN, from: null, until: null }] };

let db: AttendanceDb;
let ids: Record<string, string>;
const service = (viewer: Viewer = LA) => new PenaltyNoticeService(db.orm.em.fork(), viewer, TODAY);
const notice = (pupilId: string, issuedOn: string, kind = PN, parentReference = 'parent-A') => ({
  pupilId,
  parentReference,
  kind,
  issuedOn,
});

function marksFor(u: string, truant: boolean): MarkSubmission[] {
  return TRUANT_FRIDAYS.flatMap((friday) =>
    weekdays(addDays(friday, -4), friday).flatMap((date) =>
      (['AM', 'PM'] as const).map((session) => ({
        upn: u,
        date,
        session,
        code: truant ? 'O' : session === 'AM' ? '/' : '\\',
      })),
    ),
  );
}

beforeAll(async () => {
  db = await startAttendanceDb('attendance_penalty_notices');
  await ingestRegister(
    db.orm.em.fork(),
    {
      urn: URN,
      pupils: [CHILD, SIBLING, QUIET].map((u) => pupil(u, { admittedOn: '2024-09-02' })),
      marks: [...marksFor(CHILD, true), ...marksFor(SIBLING, true), ...marksFor(QUIET, false)],
    },
    TRUSTED,
    { maxMarks: 5_000, maxPupils: 10, today: TODAY },
  );
  const rows = await runSql<{ id: string; upn: string }>(
    db.orm.em.fork(),
    'select id, upn from attendance.enrolment',
  );
  ids = Object.fromEntries(rows.map((row) => [row.upn, row.id]));
});
afterAll(() => db?.close());

describe('penalty notices over 3 years', () => {
  it('issues a first notice at £160 (£80 within 21 days), then a second within 3 years at a flat £160', async () => {
    const [first, second] = await service().issue([
      notice(ids[CHILD]!, '2024-10-18'),
      notice(ids[CHILD]!, '2025-03-14'),
    ]);
    expect(first).toMatchObject({
      ordinal: 'first',
      amountPounds: 160,
      reducedAmountPounds: 80,
      reducedPaymentBy: '2024-11-08',
      payBy: '2024-11-15',
      unauthorisedSessions: 10,
      countsTowardsLimit: true,
    });
    expect(second).toMatchObject({
      ordinal: 'second',
      amountPounds: 160,
      reducedAmountPounds: null,
    });
  });

  it('refuses a third within 3 years of the first, naming prosecution, and writes nothing', async () => {
    const before = await countRows(db.orm, 'penalty_notice');
    const refused = service().issue([notice(ids[CHILD]!, '2026-10-16')]);
    await expect(refused).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          {
            path: 'notices[0].kind',
            message: expect.stringMatching(
              /no third notice is allowed before 2027-10-18.*prosecution/,
            ),
          },
        ],
      },
    });
    expect(await countRows(db.orm, 'penalty_notice')).toBe(before);
  });

  it('opens a new window once 3 years from the first have passed: the next is a first notice again', async () => {
    const [renewed] = await service().issue([notice(ids[CHILD]!, '2027-10-22')]);
    expect(renewed).toMatchObject({ ordinal: 'first', amountPounds: 160, reducedAmountPounds: 80 });
    const [again] = await service().issue([notice(ids[CHILD]!, '2027-11-19')]);
    expect(again).toMatchObject({ ordinal: 'second', amountPounds: 160 });
  });

  it('counts per parent: the other parent of the same child starts with a first notice', async () => {
    const [other] = await service().issue([notice(ids[CHILD]!, '2025-11-21', PN, 'parent-B')]);
    expect(other).toMatchObject({ ordinal: 'first', parentReference: 'parent-B' });
  });

  it('does not count a withdrawn notice, so the next one is a first again', async () => {
    const [first] = await service().issue([notice(ids[SIBLING]!, '2024-10-18')]);
    await service().withdraw([
      { noticeId: first!.id, withdrawnOn: '2024-10-25', reason: 'issued to the wrong address' },
    ]);
    const [next] = await service().issue([notice(ids[SIBLING]!, '2025-03-14')]);
    expect(next).toMatchObject({ ordinal: 'first', reducedAmountPounds: 80 });
    const [second] = await service().issue([notice(ids[SIBLING]!, '2025-11-21')]);
    expect(second).toMatchObject({ ordinal: 'second' });
  });

  it('offers a notice to improve once, before a first notice, and not once a notice counts', async () => {
    const [improve] = await service().issue([notice(ids[SIBLING]!, '2024-10-18', NTI, 'parent-C')]);
    expect(improve).toMatchObject({ kind: 'noticeToImprove', ordinal: null, amountPounds: null });
    await expect(
      service().issue([notice(ids[SIBLING]!, '2025-03-14', NTI, 'parent-C')]),
    ).rejects.toMatchObject({
      extensions: { problems: [{ message: expect.stringMatching(/first penalty notice/) }] },
    });
    await expect(
      service().issue([notice(ids[SIBLING]!, '2026-10-16', NTI, 'parent-B')]),
    ).resolves.toHaveLength(1);
  });

  it('lists every problem of a batch and writes none of it', async () => {
    const before = await countRows(db.orm, 'penalty_notice');
    const attempt = service().issue([
      notice(ids[QUIET]!, '2025-03-14'),
      notice(ids[SIBLING]!, '2024-08-01', PN, 'parent-D'),
      notice(ids[SIBLING]!, '2029-01-01', PN, ' '),
      notice(ids[SIBLING]!, '2025-03-14', PN, 'parent-D'),
    ]);
    await expect(attempt).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { path: 'notices[0].kind', message: expect.stringMatching(/fewer than 10/) },
          { path: 'notices[1].issuedOn', message: expect.stringMatching(/2024-08-19/) },
          { path: 'notices[2].parentReference', message: 'must not be blank' },
          { path: 'notices[2].issuedOn', message: '2029-01-01 is in the future' },
        ].map((problem) => expect.objectContaining(problem)),
      },
    });
    expect(await countRows(db.orm, 'penalty_notice')).toBe(before);
  });

  it('takes £80 within 21 days of a first notice, £160 to day 28, and nothing after', async () => {
    const [p1, p2, p3] = await service().issue([
      notice(ids[CHILD]!, '2024-10-18', PN, 'p1'),
      notice(ids[CHILD]!, '2024-10-18', PN, 'p2'),
      notice(ids[CHILD]!, '2024-10-18', PN, 'p3'),
    ]);
    const [paid21] = await service().recordPayments([{ noticeId: p1!.id, paidOn: '2024-11-08' }]);
    expect(paid21).toMatchObject({ status: 'paid', amountPaidPounds: 80 });
    const [paid22] = await service().recordPayments([{ noticeId: p2!.id, paidOn: '2024-11-09' }]);
    expect(paid22!.amountPaidPounds).toBe(160);
    await expect(
      service().recordPayments([{ noticeId: p3!.id, paidOn: '2024-11-16' }]),
    ).rejects.toMatchObject({
      extensions: {
        problems: [{ path: 'input.paidOn', message: expect.stringMatching(/prosecution/) }],
      },
    });
    await expect(
      service().recordPayments([{ noticeId: p1!.id, paidOn: '2024-11-09' }]),
    ).rejects.toMatchObject({
      extensions: { problems: [{ message: 'the notice is already paid' }] },
    });
  });

  it('lets only an LA act on its own schools, and DfE on any', async () => {
    const other: Viewer = {
      role: 'LA',
      laCode: '805',
      schools: [{ urn: 111111, from: null, until: null }],
    };
    await expect(
      service(other).issue([notice(ids[CHILD]!, '2026-10-16', PN, 'x')]),
    ).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    for (const viewer of [
      { role: 'SCHOOL', urn: URN },
      { role: 'TRUST', groupUid: '2305' },
      { role: 'PUBLIC' },
    ] as Viewer[]) {
      await expect(
        service(viewer).issue([notice(ids[CHILD]!, '2026-10-16', PN, 'x')]),
      ).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
    }
    const [byDfe] = await service({ role: 'DFE' }).issue([
      notice(ids[CHILD]!, '2026-10-16', PN, 'x'),
    ]);
    expect(byDfe).toMatchObject({ ordinal: 'first' });
  });
});
