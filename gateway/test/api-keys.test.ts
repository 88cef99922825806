import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../src/auth/api-keys';

const newStore = () => new ApiKeyStore(join(mkdtempSync(join(tmpdir(), 'api-keys-')), 'keys.json'));

describe('MIS vendor API keys', () => {
  it('turns a key into its vendor with the schools that authorised it', () => {
    const store = newStore();
    const { key } = store.create('acme', [136021, 111001, 136021]);
    expect(store.authenticate(key)).toMatchObject({
      role: 'MIS_VENDOR',
      vendorId: 'acme',
      schools: [
        { urn: 111001, from: null, until: null },
        { urn: 136021, from: null, until: null },
      ],
    });
  });

  it('keeps only a hash of the secret at rest', () => {
    const store = newStore();
    const { key, record } = store.create('acme', [136021]);
    // The base64url secret may itself contain underscores, so it is everything after the id.
    const secret = key.slice(`egk_${record.id}_`.length);
    expect(secret).toHaveLength(43);
    const file = readFileSync((store as unknown as { path: string }).path, 'utf8');
    expect(file).toContain(record.id);
    expect(file).not.toContain(secret);
  });

  it('refuses a revoked key, a key with a wrong secret and a malformed key', () => {
    const store = newStore();
    const { key, record } = store.create('acme', [136021]);
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, 'egk_nothex_x', '']) {
      expect(() => store.authenticate(bad)).toThrow(/not valid/);
    }
    store.revoke(record.id);
    expect(() => store.authenticate(key)).toThrow(/not valid/);
  });

  it('sees a revocation made by another process without a restart', () => {
    const store = newStore();
    const path = (store as unknown as { path: string }).path;
    const { key, record } = store.create('acme', [136021]);
    expect(store.authenticate(key).vendorId).toBe('acme');
    new ApiKeyStore(path).revoke(record.id, new Date(Date.now() + 1000));
    expect(() => store.authenticate(key)).toThrow(/not valid/);
  });

  it('refuses vendor ids and URNs it cannot trust', () => {
    const store = newStore();
    expect(() => store.create('Acme Ltd', [136021])).toThrow(/Vendor id/);
    expect(() => store.create('acme', [12345])).toThrow(/6 digits/);
  });
});
