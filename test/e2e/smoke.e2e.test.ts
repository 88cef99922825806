import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph('smoke');
});
afterAll(() => graph?.close());

describe('smoke', () => {
  it('answers a school through the gateway', async () => {
    const res = await graph.query(
      `{ schools(first: 3) { totalCount edges { node { urn name localAuthority { code name } trust { groupUid name type joinedOn } predecessorUrns } } } }`,
    );
    console.log(JSON.stringify(res, null, 1));
    expect(res.errors).toBeUndefined();
  });
});
