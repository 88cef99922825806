import { type IsoDate, addDays, daysBetween } from '@estate/subgraph-kit/src/dates';
import { addYears } from './calendar';

/** The national penalty notice framework (domain.md §2.7) applies to notices from this day. */
export const PENALTY_NOTICE_FRAMEWORK_FROM: IsoDate = '2024-08-19';
export const FIRST_NOTICE_AMOUNT_POUNDS = 160;
export const FIRST_NOTICE_REDUCED_AMOUNT_POUNDS = 80;
export const SECOND_NOTICE_AMOUNT_POUNDS = 160;
export const REDUCED_PAYMENT_DAYS = 21;
export const PAYMENT_DAYS = 28;
export const NOTICE_LIMIT_WINDOW_YEARS = 3;

export type PenaltyNoticeKind = 'noticeToImprove' | 'penaltyNotice';
/** Only withdrawal matters to the limit: issued, paid and prosecuted notices all count. */
export type PenaltyNoticeStatus = 'issued' | 'paid' | 'prosecuted' | 'withdrawn';

/** One notice to one parent about one child: the framework counts per parent, per child. */
export interface PenaltyNoticeRecord {
  kind: PenaltyNoticeKind;
  issuedOn: IsoDate;
  status: PenaltyNoticeStatus;
}

export type PenaltyNoticeOrdinal = 'first' | 'second';

/**
 * The window of 3 years that limits notices: it opens with a counting penalty notice and contains
 * every day before its third anniversary; the next counting notice after it opens a new one.
 */
export interface NoticeLimitWindow {
  openedOn: IsoDate;
  lastDay: IsoDate;
  counting: PenaltyNoticeRecord[];
}

function countsTowardsLimit(notice: PenaltyNoticeRecord): boolean {
  return (
    notice.kind === 'penaltyNotice' &&
    notice.status !== 'withdrawn' &&
    notice.issuedOn >= PENALTY_NOTICE_FRAMEWORK_FROM
  );
}

/** The limit windows up to `onDate`, oldest first, each with the notices that count in it. */
export function noticeLimitWindows(
  history: readonly PenaltyNoticeRecord[],
  onDate: IsoDate,
): NoticeLimitWindow[] {
  const windows: NoticeLimitWindow[] = [];
  const counting = history
    .filter((notice) => countsTowardsLimit(notice) && notice.issuedOn <= onDate)
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
  for (const notice of counting) {
    const current = windows.at(-1);
    if (current && notice.issuedOn <= current.lastDay) {
      current.counting.push(notice);
    } else {
      windows.push({
        openedOn: notice.issuedOn,
        lastDay: addDays(addYears(notice.issuedOn, NOTICE_LIMIT_WINDOW_YEARS), -1),
        counting: [notice],
      });
    }
  }
  return windows;
}

function windowOpenOn(history: readonly PenaltyNoticeRecord[], onDate: IsoDate) {
  const latest = noticeLimitWindows(history, onDate).at(-1);
  return latest && onDate <= latest.lastDay ? latest : undefined;
}

export type NextPenaltyAction =
  | { action: 'none'; reason: string }
  | { action: 'noticeToImprove'; alsoPermitted: ['firstPenaltyNotice']; reason: string }
  | {
      action: 'firstPenaltyNotice';
      amountPounds: number;
      reducedAmountPounds: number;
      reason: string;
    }
  | { action: 'secondPenaltyNotice'; amountPounds: number; windowLastDay: IsoDate; reason: string }
  | { action: 'prosecutionOrOtherTool'; windowLastDay: IsoDate; reason: string };

/**
 * What the framework permits next for one parent and child on `onDate`, given whether the
 * threshold is met (see `checkPenaltyNoticeThreshold`). A notice to improve is offered first when
 * none has been issued since the last counting penalty notice, because the framework lets one
 * precede a notice; issuing a first penalty notice straight away is also permitted.
 */
export function nextPenaltyAction(
  history: readonly PenaltyNoticeRecord[],
  thresholdMet: boolean,
  onDate: IsoDate,
): NextPenaltyAction {
  if (!thresholdMet) {
    return {
      action: 'none',
      reason: 'fewer than 10 unauthorised sessions in the last 10 school weeks',
    };
  }
  const window = windowOpenOn(history, onDate);
  if (window && window.counting.length >= 2) {
    return {
      action: 'prosecutionOrOtherTool',
      windowLastDay: window.lastDay,
      reason: `two penalty notices already count in the 3 years from ${window.openedOn}; no third notice is allowed before ${addDays(window.lastDay, 1)}, so prosecution or another tool must be used`,
    };
  }
  if (window) {
    return {
      action: 'secondPenaltyNotice',
      amountPounds: SECOND_NOTICE_AMOUNT_POUNDS,
      windowLastDay: window.lastDay,
      reason: `a first penalty notice was issued on ${window.openedOn}, so a second within 3 years is a flat £${SECOND_NOTICE_AMOUNT_POUNDS} with no reduction`,
    };
  }
  const lastCountingNotice = noticeLimitWindows(history, onDate).at(-1)?.counting.at(-1);
  const noticeToImproveSinceThen = history.some(
    (notice) =>
      notice.kind === 'noticeToImprove' &&
      notice.status !== 'withdrawn' &&
      notice.issuedOn <= onDate &&
      notice.issuedOn >= PENALTY_NOTICE_FRAMEWORK_FROM &&
      (!lastCountingNotice || notice.issuedOn > lastCountingNotice.issuedOn),
  );
  if (!noticeToImproveSinceThen) {
    return {
      action: 'noticeToImprove',
      alsoPermitted: ['firstPenaltyNotice'],
      reason:
        'no penalty notice counts in the last 3 years and no notice to improve has been issued, so a notice to improve may come first',
    };
  }
  return {
    action: 'firstPenaltyNotice',
    amountPounds: FIRST_NOTICE_AMOUNT_POUNDS,
    reducedAmountPounds: FIRST_NOTICE_REDUCED_AMOUNT_POUNDS,
    reason: `no penalty notice counts in the last 3 years, so a first notice is £${FIRST_NOTICE_AMOUNT_POUNDS}, or £${FIRST_NOTICE_REDUCED_AMOUNT_POUNDS} if paid within ${REDUCED_PAYMENT_DAYS} days`,
  };
}

/** Whether a counting penalty notice was the first or second of its 3-year window. */
export function penaltyNoticeOrdinal(
  history: readonly PenaltyNoticeRecord[],
  notice: PenaltyNoticeRecord,
): PenaltyNoticeOrdinal | null {
  if (!countsTowardsLimit(notice)) return null;
  const window = noticeLimitWindows(history, notice.issuedOn).find((candidate) =>
    candidate.counting.includes(notice),
  );
  if (!window) return null;
  return window.counting.indexOf(notice) === 0 ? 'first' : 'second';
}

/**
 * The amount payable on `paymentDate`, counting days from the issue date (the receipt date is not
 * recorded): a first notice is £80 up to day 21 and £160 up to day 28; a second is £160 up to day
 * 28. Null once the payment period has passed, when the route is prosecution for non-payment.
 */
export function penaltyNoticeAmountDuePounds(
  ordinal: PenaltyNoticeOrdinal,
  issuedOn: IsoDate,
  paymentDate: IsoDate,
): number | null {
  const days = daysBetween(issuedOn, paymentDate);
  if (days < 0 || days > PAYMENT_DAYS) return null;
  if (ordinal === 'second') return SECOND_NOTICE_AMOUNT_POUNDS;
  return days <= REDUCED_PAYMENT_DAYS
    ? FIRST_NOTICE_REDUCED_AMOUNT_POUNDS
    : FIRST_NOTICE_AMOUNT_POUNDS;
}
