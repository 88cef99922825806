import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parsePage, toConnection } from '../src/pagination';

describe('pages', () => {
  it('accepts 1 to 100 and refuses anything else', () => {
    expect(parsePage({ first: 1 }).first).toBe(1);
    expect(parsePage({ first: 100 }).first).toBe(100);
    for (const first of [0, 101, -1, 2.5])
      expect(() => parsePage({ first })).toThrow(/between 1 and 100/);
  });

  it('round-trips a cursor and refuses one it never issued', () => {
    expect(decodeCursor(encodeCursor(136004))).toBe('136004');
    expect(() => decodeCursor('bm9wZQ')).toThrow(/cursor/);
  });

  it('uses the extra row only to tell that a next page exists', () => {
    const page = parsePage({ first: 2 });
    const connection = toConnection(
      [1, 2, 3],
      page,
      7,
      (n) => n,
      (node, cursor) => ({ node, cursor }),
    );
    expect(connection.edges.map((edge) => edge.node)).toEqual([1, 2]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(2) });
    expect(connection.totalCount).toBe(7);
    const last = toConnection(
      [5],
      page,
      7,
      (n) => n,
      (node, cursor) => ({ node, cursor }),
    );
    expect(last.pageInfo.hasNextPage).toBe(false);
  });
});
