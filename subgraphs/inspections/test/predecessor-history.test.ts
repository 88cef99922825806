import { describe, expect, it } from 'vitest';
import {
  inspectionIdentity,
  isUnambiguousPredecessorLink,
  mergePredecessorHistory,
} from '../src/domain/predecessor-history';
import { PREDECESSOR_URN, SCHOOL_URN, graded, ungraded } from './inspection-factories';

const own = [graded('2019-05-01', 2), ungraded('2023-02-01')];
const predecessors = [
  graded('2012-10-01', 3, { urn: PREDECESSOR_URN }),
  graded('2016-03-01', 3, { urn: PREDECESSOR_URN }),
];

describe('isUnambiguousPredecessorLink', () => {
  it('follows exactly one predecessor, as FIAT does', () => {
    expect(isUnambiguousPredecessorLink([PREDECESSOR_URN])).toBe(true);
    expect(isUnambiguousPredecessorLink([PREDECESSOR_URN, PREDECESSOR_URN])).toBe(true);
  });

  it('does not follow a merger of two schools or a school with none', () => {
    expect(isUnambiguousPredecessorLink([PREDECESSOR_URN, 120002])).toBe(false);
    expect(isUnambiguousPredecessorLink([])).toBe(false);
  });
});

describe('mergePredecessorHistory', () => {
  it("puts the predecessor's inspections after the school's own, newest first, marked as the predecessor's", () => {
    const merged = mergePredecessorHistory(SCHOOL_URN, own, {
      urn: PREDECESSOR_URN,
      inspections: predecessors,
      linkIsUnambiguous: true,
    });
    expect(merged.map((entry) => [entry.inspection.startDate, entry.isPredecessors])).toEqual([
      ['2023-02-01', false],
      ['2019-05-01', false],
      ['2016-03-01', true],
      ['2012-10-01', true],
    ]);
  });

  it('leaves the predecessor out when the link is ambiguous', () => {
    const merged = mergePredecessorHistory(SCHOOL_URN, own, {
      urn: PREDECESSOR_URN,
      inspections: predecessors,
      linkIsUnambiguous: false,
    });
    expect(merged.map((entry) => entry.inspection.startDate)).toEqual(['2023-02-01', '2019-05-01']);
  });

  it('sorts the own history newest first when there is no predecessor', () => {
    const merged = mergePredecessorHistory(SCHOOL_URN, [...own].reverse(), null);
    expect(merged.map((entry) => entry.inspection.startDate)).toEqual(['2023-02-01', '2019-05-01']);
  });

  it("keeps once an inspection that Ofsted lists under the successor's row and the predecessor's own", () => {
    const listedOnSuccessorRow = graded('2016-03-01', 3, { urn: PREDECESSOR_URN });
    const merged = mergePredecessorHistory(SCHOOL_URN, [...own, listedOnSuccessorRow], {
      urn: PREDECESSOR_URN,
      inspections: predecessors,
      linkIsUnambiguous: true,
    });
    expect(merged).toHaveLength(4);
    expect(merged.filter((entry) => entry.inspection.startDate === '2016-03-01')).toEqual([
      { inspection: listedOnSuccessorRow, isPredecessors: true },
    ]);
  });

  it('does not merge two different inspections on one day', () => {
    expect(inspectionIdentity(graded('2016-03-01', 3))).not.toBe(
      inspectionIdentity(ungraded('2016-03-01')),
    );
  });
});
