import { describe, expect, it } from 'vitest';
import { isPersistentlyAbsent, isSeverelyAbsent, persistentAbsenceSummary } from '../src/domain';
import { sessions } from './factories';

describe('persistent and severe absence per enrolment', () => {
  it('counts a pupil as persistently absent at exactly 10% of possible sessions', () => {
    expect(isPersistentlyAbsent(sessions({ '/': 90, I: 10 }))).toBe(true);
    expect(isPersistentlyAbsent(sessions({ '/': 9, O: 1 }))).toBe(true);
  });

  it('does not count a pupil just under 10%', () => {
    expect(isPersistentlyAbsent(sessions({ '/': 91, I: 9 }))).toBe(false);
    expect(isPersistentlyAbsent(sessions({ '/': 1001, I: 111 }))).toBe(false);
  });

  it('measures against the enrolment’s own possible sessions, so dual-registration sessions do not dilute it', () => {
    expect(isPersistentlyAbsent(sessions({ '/': 45, I: 5, D: 50 }))).toBe(true);
  });

  it('counts a pupil as severely absent at exactly 50% and not at 49%', () => {
    expect(isSeverelyAbsent(sessions({ '/': 50, G: 50 }))).toBe(true);
    expect(isSeverelyAbsent(sessions({ '/': 51, G: 49 }))).toBe(false);
  });

  it('does not flag an enrolment with no possible sessions', () => {
    expect(isPersistentlyAbsent(sessions({ Y4: 10 }))).toBe(false);
  });
});

describe('persistent absence rate', () => {
  it('divides flagged enrolments by enrolments, with severe absence counted within persistent', () => {
    const summary = persistentAbsenceSummary([
      sessions({ '/': 90, I: 10 }),
      sessions({ '/': 40, O: 60 }),
      sessions({ '/': 95, I: 5 }),
      sessions({ '/': 100 }),
      sessions({ D: 20 }),
    ]);
    expect(summary).toEqual({
      enrolments: 4,
      persistentlyAbsentEnrolments: 2,
      severelyAbsentEnrolments: 1,
      persistentAbsenceRate: 50,
      severeAbsenceRate: 25,
    });
  });

  it('has no rate when there are no enrolments', () => {
    expect(persistentAbsenceSummary([]).persistentAbsenceRate).toBeNull();
  });
});
