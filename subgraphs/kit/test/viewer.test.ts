import { describe, expect, it } from 'vitest';
import { canSeeSchool, signViewer, verifyViewer, VIEWER_HEADER, type Viewer } from '../src/viewer';

const SECRET = 'unit-test-secret';
const headersOf = (values: Record<string, string>) => ({
  get: (name: string) => values[name],
});

describe('the signed viewer header', () => {
  it('round-trips a viewer the gateway signed', () => {
    const viewer: Viewer = { role: 'TRUST', groupUid: '2103' };
    expect(verifyViewer(headersOf(signViewer(viewer, SECRET)), SECRET, 60)).toEqual(viewer);
  });

  it('refuses a payload changed after signing', () => {
    const headers = signViewer({ role: 'SCHOOL', urn: 111000 }, SECRET);
    const forged = Buffer.from(
      JSON.stringify({ viewer: { role: 'DFE' }, issuedAt: Math.floor(Date.now() / 1000) }),
    ).toString('base64url');
    expect(() =>
      verifyViewer(headersOf({ ...headers, [VIEWER_HEADER]: forged }), SECRET, 60),
    ).toThrow(/only the gateway/);
  });

  it('refuses a header older than the replay window, and one from the future', () => {
    const now = Date.now();
    const old = signViewer({ role: 'DFE' }, SECRET, now - 61_000);
    expect(() => verifyViewer(headersOf(old), SECRET, 60, now)).toThrow(/expired/);
    const future = signViewer({ role: 'DFE' }, SECRET, now + 61_000);
    expect(() => verifyViewer(headersOf(future), SECRET, 60, now)).toThrow(/expired/);
    expect(
      verifyViewer(headersOf(signViewer({ role: 'DFE' }, SECRET, now - 59_000)), SECRET, 60, now),
    ).toEqual({ role: 'DFE' });
  });

  it('refuses a missing header with a 401 code', () => {
    try {
      verifyViewer(headersOf({}), SECRET, 60);
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        http: { status: 401 },
      });
    }
  });
});

describe('which schools a viewer may see', () => {
  const trust: Viewer = {
    role: 'TRUST',
    groupUid: '2103',
    schools: [{ urn: 140000, from: '2019-09-01', until: '2023-09-01' }],
  };

  it('gives a trust its schools only on the days it ran them', () => {
    expect(canSeeSchool(trust, 140000, '2019-09-01')).toBe(true);
    expect(canSeeSchool(trust, 140000, '2023-08-31')).toBe(true);
    expect(canSeeSchool(trust, 140000, '2023-09-01')).toBe(false);
    expect(canSeeSchool(trust, 140000, '2019-08-31')).toBe(false);
    expect(canSeeSchool(trust, 140001, '2020-01-01')).toBe(false);
  });

  it('gives a school itself, DfE everything, and the public and vendors nothing', () => {
    expect(canSeeSchool({ role: 'SCHOOL', urn: 111000 }, 111000, '2025-01-01')).toBe(true);
    expect(canSeeSchool({ role: 'SCHOOL', urn: 111000 }, 111001, '2025-01-01')).toBe(false);
    expect(canSeeSchool({ role: 'DFE' }, 111001, '2025-01-01')).toBe(true);
    expect(canSeeSchool({ role: 'PUBLIC' }, 111001, '2025-01-01')).toBe(false);
    expect(canSeeSchool({ role: 'MIS_VENDOR', vendorId: 'v1' }, 111001, '2025-01-01')).toBe(false);
  });
});
