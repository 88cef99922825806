import { describe, expect, it } from 'vitest';
import {
  AwardLists,
  createAwardList,
  maxAwardPounds,
  schoolCountsByAwardPounds,
} from '../src/domain/award-list';
import { year } from './factories';

const y2023 = year('2023/24');
const y2024 = year('2024/25');

describe('award lists', () => {
  it('leaves out schools listed at £0, so they read as not eligible', () => {
    const list = createAwardList(y2023, [
      [100006, 2000],
      [100053, 0],
    ]);
    expect([...list.awardPoundsByUrn.keys()]).toEqual([100006]);
    expect(AwardLists.of(list).awardPoundsFor(100053, y2023)).toBeUndefined();
  });

  it('refuses amounts that are not whole pounds, and repeated URNs', () => {
    expect(() => createAwardList(y2023, [[100006, 2000.5]])).toThrow(/whole pounds/);
    expect(() => createAwardList(y2023, [[100006, -1]])).toThrow(/whole pounds/);
    expect(() => createAwardList(y2023, [[10006, 2000]])).toThrow(/6 digits/);
    expect(() =>
      createAwardList(y2023, [
        [100006, 2000],
        [100006, 2000],
      ]),
    ).toThrow(/twice/);
  });

  it('takes the year’s maximum from the largest amount on its list', () => {
    const doubled = createAwardList(y2024, [
      [100006, 3000],
      [100053, 6000],
      [148830, 4500],
    ]);
    expect(maxAwardPounds(doubled)).toBe(6000);
    expect(AwardLists.of(doubled).maxAwardPoundsFor(y2024)).toBe(6000);
    expect(AwardLists.of(doubled).maxAwardPoundsFor(y2023)).toBeUndefined();
  });

  it('replaces a year’s whole list on upload, dropping schools the new list omits', () => {
    const first = createAwardList(y2023, [
      [100006, 2000],
      [100053, 1500],
    ]);
    const replacement = createAwardList(y2023, [[100006, 2500]]);
    const lists = AwardLists.of(first).withUpload(replacement);
    expect(lists.awardPoundsFor(100006, y2023)).toBe(2500);
    expect(lists.awardPoundsFor(100053, y2023)).toBeUndefined();
    expect(lists.maxAwardPoundsFor(y2023)).toBe(2500);
  });

  it('leaves other years alone on upload and never carries a list into the next year', () => {
    const lists = AwardLists.of(createAwardList(y2023, [[100006, 2000]])).withUpload(
      createAwardList(y2024, [[100053, 6000]]),
    );
    expect(lists.awardPoundsFor(100006, y2023)).toBe(2000);
    expect(lists.awardPoundsFor(100006, y2024)).toBeUndefined();
    expect(lists.awardPoundsFor(100006, year('2025/26'))).toBeUndefined();
  });

  it('counts schools by amount in ascending order', () => {
    const list = createAwardList(y2023, [
      [100006, 2000],
      [100053, 1500],
      [148830, 2000],
    ]);
    expect([...schoolCountsByAwardPounds(list)]).toEqual([
      [1500, 1],
      [2000, 2],
    ]);
  });
});
