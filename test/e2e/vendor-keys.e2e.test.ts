import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { upnCheckLetter } from '@estate/attendance/src/domain/upn';
import { ApiKeyStore } from '@estate/gateway/src/auth/api-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
let url: string;
const keys = new ApiKeyStore(join(mkdtempSync(join(tmpdir(), 'vendor-keys-')), 'keys.json'));
beforeAll(async () => {
  graph = await startTestGraph('vendor_keys');
  url = (await graph.startGateway({ API_KEYS_PATH: (keys as unknown as { path: string }).path }))
    .url;
});
afterAll(() => graph?.close());

const query = { query: '{ localAuthority(code: "806") { name } }' };

describe('MIS vendor API keys at the gateway', () => {
  it('accepts a live key and refuses it once revoked, without a restart', async () => {
    const { key, record } = keys.create('acme', [136021]);
    const ok = await postGraphQL(url, query, { 'x-api-key': key });
    expect(ok.status).toBe(200);
    expect(ok.data).toEqual({ localAuthority: { name: 'Middlesbrough' } });

    keys.revoke(record.id, new Date(Date.now() + 1000));
    const refused = await postGraphQL(url, query, { 'x-api-key': key });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a key and a bearer token sent together', async () => {
    const { key } = keys.create('acme', [136021]);
    const token = await graph.token({ role: 'DFE' });
    const res = await postGraphQL(url, query, {
      'x-api-key': key,
      authorization: `Bearer ${token}`,
    });
    expect(res.status).toBe(401);
  });

  it('lets a key narrow a vendor to fewer schools than authorised it, never more', async () => {
    // The demo seed has schools 136330 and 136339 (and 111001) authorise arbor.
    const { key } = keys.create('arbor', [136339, 148999]);
    const submit = (urn: number) =>
      postGraphQL(
        url,
        {
          query: `mutation ($input: SubmitRegisterInput!) { submitRegister(input: $input) { inserted } }`,
          variables: { input: register(urn) },
        },
        { 'x-api-key': key },
      );
    const allowed = await submit(136339);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data).toEqual({ submitRegister: { inserted: 1 } });
    for (const urn of [136330, 148999]) {
      const refused = await submit(urn);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: 'urn' }],
      });
    }
  });
});

function register(urn: number) {
  const body = `806${urn}123`.slice(0, 12);
  const upn = `${upnCheckLetter(body)}${body}`;
  return {
    urn,
    idempotencyKey: `api-key-test-${urn}`,
    pupils: [
      {
        upn,
        dateOfBirth: '2016-01-10',
        yearGroup: 4,
        sex: 'F',
        freeSchoolMeals: false,
        senStatus: 'N',
        englishAsAdditionalLanguage: false,
        admittedOn: '2025-09-01',
      },
    ],
    marks: [{ upn, date: '2025-10-06', session: 'AM', code: '/' }],
  };
}
