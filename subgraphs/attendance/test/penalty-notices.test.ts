import { describe, expect, it } from 'vitest';
import {
  type PenaltyNoticeRecord,
  nextPenaltyAction,
  noticeLimitWindows,
  penaltyNoticeAmountDuePounds,
  penaltyNoticeOrdinal,
} from '../src/domain';

const noticeToImprove = (issuedOn: string): PenaltyNoticeRecord => ({
  kind: 'noticeToImprove',
  issuedOn,
  status: 'issued',
});
const penaltyNotice = (
  issuedOn: string,
  status: PenaltyNoticeRecord['status'] = 'paid',
): PenaltyNoticeRecord => ({ kind: 'penaltyNotice', issuedOn, status });

describe('the next permissible action under the national framework', () => {
  it('does nothing while the threshold is not met', () => {
    expect(nextPenaltyAction([], false, '2025-01-10').action).toBe('none');
  });

  it('offers a notice to improve first, with a first penalty notice also permitted', () => {
    expect(nextPenaltyAction([], true, '2025-01-10')).toMatchObject({
      action: 'noticeToImprove',
      alsoPermitted: ['firstPenaltyNotice'],
    });
  });

  it('moves to a first notice of £160, or £80 within 21 days, after a notice to improve', () => {
    const action = nextPenaltyAction([noticeToImprove('2024-11-01')], true, '2025-01-10');
    expect(action).toMatchObject({
      action: 'firstPenaltyNotice',
      amountPounds: 160,
      reducedAmountPounds: 80,
    });
  });

  it('makes a second notice within 3 years a flat £160', () => {
    const history = [noticeToImprove('2024-09-02'), penaltyNotice('2024-09-10')];
    expect(nextPenaltyAction(history, true, '2027-09-09')).toMatchObject({
      action: 'secondPenaltyNotice',
      amountPounds: 160,
      windowLastDay: '2027-09-09',
    });
  });

  it('allows no third notice within 3 years of the first, but sends the case elsewhere', () => {
    const history = [penaltyNotice('2024-09-10'), penaltyNotice('2025-02-03', 'prosecuted')];
    const action = nextPenaltyAction(history, true, '2027-09-09');
    expect(action).toMatchObject({ action: 'prosecutionOrOtherTool', windowLastDay: '2027-09-09' });
    expect(action.reason).toMatch(/no third notice is allowed before 2027-09-10/);
  });

  it('starts afresh on the third anniversary of the first notice', () => {
    const history = [penaltyNotice('2024-09-10'), penaltyNotice('2025-02-03')];
    expect(nextPenaltyAction(history, true, '2027-09-10').action).toBe('noticeToImprove');
  });

  it('does not count a withdrawn notice towards the limit', () => {
    const history = [
      noticeToImprove('2024-09-02'),
      penaltyNotice('2024-09-10', 'withdrawn'),
      penaltyNotice('2025-02-03'),
    ];
    expect(nextPenaltyAction(history, true, '2025-06-01').action).toBe('secondPenaltyNotice');
    expect(penaltyNoticeOrdinal(history, history[2] as PenaltyNoticeRecord)).toBe('first');
  });

  it('ignores notices issued before 19 August 2024 when opening the 3-year window', () => {
    const history = [
      penaltyNotice('2023-05-01'),
      penaltyNotice('2024-08-18'),
      penaltyNotice('2024-08-19'),
    ];
    expect(noticeLimitWindows(history, '2025-01-01')).toEqual([
      { openedOn: '2024-08-19', lastDay: '2027-08-18', counting: [history[2]] },
    ]);
    expect(nextPenaltyAction(history, true, '2025-01-01').action).toBe('secondPenaltyNotice');
  });

  it('numbers a notice issued on the first day after a full window as a new first notice', () => {
    const history = [
      penaltyNotice('2024-09-10'),
      penaltyNotice('2027-09-09'),
      penaltyNotice('2027-09-10'),
    ];
    expect(history.map((notice) => penaltyNoticeOrdinal(history, notice))).toEqual([
      'first',
      'second',
      'first',
    ]);
  });

  it('does not count notices issued after the date asked about', () => {
    const history = [penaltyNotice('2024-09-10'), penaltyNotice('2025-02-03')];
    expect(nextPenaltyAction(history, true, '2025-01-01').action).toBe('secondPenaltyNotice');
  });
});

describe('what a penalty notice costs', () => {
  it('charges £80 for a first notice paid by day 21 and £160 from day 22 to day 28', () => {
    expect(penaltyNoticeAmountDuePounds('first', '2025-01-06', '2025-01-27')).toBe(80);
    expect(penaltyNoticeAmountDuePounds('first', '2025-01-06', '2025-01-28')).toBe(160);
    expect(penaltyNoticeAmountDuePounds('first', '2025-01-06', '2025-02-03')).toBe(160);
  });

  it('charges a flat £160 for a second notice, with no early reduction', () => {
    expect(penaltyNoticeAmountDuePounds('second', '2025-01-06', '2025-01-07')).toBe(160);
  });

  it('takes no payment after day 28, when non-payment goes to prosecution', () => {
    expect(penaltyNoticeAmountDuePounds('first', '2025-01-06', '2025-02-04')).toBeNull();
  });
});
