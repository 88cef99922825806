import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { authenticate, signToken } from '../src/auth/jwt';

const config = { secret: 'unit-jwt-secret', issuer: 'estate-graph', audience: 'estate-graph' };

describe('authenticate', () => {
  it('makes a missing header the public viewer', async () => {
    expect(await authenticate(undefined, config)).toEqual({ role: 'PUBLIC' });
  });

  it('builds the viewer from a valid token’s role and scope', async () => {
    const token = await signToken({ role: 'LA', laCode: '806' }, config);
    expect(await authenticate(`Bearer ${token}`, config)).toMatchObject({
      role: 'LA',
      laCode: '806',
    });
  });

  it('never falls back to public for a bad, expired or foreign token', async () => {
    const foreign = await signToken({ role: 'DFE' }, { ...config, secret: 'someone-else' });
    const wrongAudience = await signToken({ role: 'DFE' }, { ...config, audience: 'other' });
    const expired = await new SignJWT({ role: 'DFE' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(config.secret));
    for (const header of [
      `Bearer ${foreign}`,
      `Bearer ${wrongAudience}`,
      `Bearer ${expired}`,
      'Basic abc',
      'Bearer',
    ]) {
      await expect(authenticate(header, config)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('refuses a token that claims public, or a scoped role without its scope', async () => {
    for (const claims of [
      { role: 'PUBLIC' },
      { role: 'SCHOOL' },
      { role: 'TRUST' },
      { role: 'TEACHER' },
    ] as const) {
      const token = await signToken(claims, config);
      await expect(authenticate(`Bearer ${token}`, config)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });
});

describe('authenticate against a JWKS', () => {
  it('accepts RS256 tokens from the key set and refuses HS256 tokens signed with the old secret', async () => {
    const { exportJWK, generateKeyPair } = await import('jose');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwksPath = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify({ keys: [jwk] }));
    const production = { ...config, jwksPath };

    const rs256 = await new SignJWT({ role: 'DFE' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await authenticate(`Bearer ${rs256}`, production)).toMatchObject({ role: 'DFE' });

    const hs256 = await signToken({ role: 'DFE' }, config);
    await expect(authenticate(`Bearer ${hs256}`, production)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
