import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GraphQLResponse,
  postGraphQL,
  startTestGraph,
  type TestGraph,
} from '../support/graph';

const manifest = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', 'codegen', 'generated', 'persisted-documents.json'),
    'utf8',
  ),
) as Record<string, string>;
const [findSchoolsHash, findSchools] = Object.entries(manifest).find(([, text]) =>
  text.startsWith('query FindSchools'),
)!;

let graph: TestGraph;
let url: string;
beforeAll(async () => {
  graph = await startTestGraph('trusted_documents');
  url = (await graph.startGateway({ TRUSTED_DOCUMENTS: 'enforce' })).url;
});
afterAll(() => graph?.close());

const byHash = (hash: string, variables: Record<string, unknown>) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
});

async function runCountingSql(body: unknown, headers: Record<string, string> = {}) {
  let response!: GraphQLResponse;
  const statements = await graph.subgraphs.academies!.queryLog.countDuring(async () => {
    response = await postGraphQL(url, body, headers);
  });
  return { response, statements };
}

describe('trusted documents', () => {
  it('runs a manifest document sent by hash alone for the public', async () => {
    const { response } = await runCountingSql(byHash(findSchoolsHash, { first: 2 }));
    expect(response.errors).toBeUndefined();
    expect((response.data as { schools: { edges: unknown[] } }).schools.edges).toHaveLength(2);
  });

  it('runs the manifest text itself, whose hash is in the manifest', async () => {
    expect(createHash('sha256').update(findSchools).digest('hex')).toBe(findSchoolsHash);
    const { response } = await runCountingSql({ query: findSchools, variables: { first: 1 } });
    expect(response.errors).toBeUndefined();
  });

  it('refuses free-form text from the public and a vendor, executing nothing', async () => {
    const vendor = await graph.token({ role: 'MIS_VENDOR', vendorId: 'acme' });
    const callers: Record<string, string>[] = [{}, { authorization: `Bearer ${vendor}` }];
    for (const headers of callers) {
      const { response, statements } = await runCountingSql(
        { query: '{ schools(first: 1) { totalCount } }' },
        headers,
      );
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(statements).toBe(0);
    }
  });

  it('refuses an unknown hash and cannot be taught a new document', async () => {
    const unknown = createHash('sha256')
      .update('{ schools(first: 1) { totalCount } }')
      .digest('hex');
    const register = await runCountingSql({
      query: '{ schools(first: 1) { totalCount } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: unknown } },
    });
    expect(register.response.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const replay = await runCountingSql(byHash(unknown, {}));
    expect(replay.response.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(replay.statements).toBe(0);
  });

  it('lets internal apps run any operation', async () => {
    const dfe = await graph.token({ role: 'DFE' });
    const { response } = await runCountingSql(
      { query: '{ schools(first: 1) { totalCount } }' },
      { authorization: `Bearer ${dfe}` },
    );
    expect(response.errors).toBeUndefined();
  });
});
