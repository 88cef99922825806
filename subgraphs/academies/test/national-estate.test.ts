import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoEstate } from '../src/seed/demo-estate';
import { ENGLAND_LOCAL_AUTHORITIES } from '../src/seed/england-local-authorities';
import { generateNationalEstate } from '../src/seed/national-estate';

const fingerprint = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('the national estate generator', () => {
  const estate = generateNationalEstate();

  it('is deterministic', () => {
    expect(fingerprint(generateNationalEstate())).toBe(fingerprint(estate));
  });

  it('covers 153 real LAs with unique URNs, GIAS-shaped codes and links both ways', () => {
    expect(ENGLAND_LOCAL_AUTHORITIES).toHaveLength(153);
    expect(estate.localAuthorities.find((la) => la.code === '201')).toEqual({
      code: '201',
      name: 'City of London',
      gssCode: 'E09000001',
      region: 'London',
    });
    expect(new Set(estate.schools.map((s) => s.urn)).size).toBe(estate.schools.length);
    for (const school of estate.schools) {
      expect(school.urn).toBeGreaterThanOrEqual(100_000);
      expect(school.establishmentNumber).toBeLessThan(10_000);
    }
    const predecessors = estate.links.filter((l) => l.linkType === 'Predecessor');
    expect(predecessors.length).toBe(estate.links.length / 2);
    const successors = new Set(
      estate.links.filter((l) => l.linkType === 'Successor').map((l) => `${l.linkedUrn}>${l.urn}`),
    );
    expect(predecessors.every((l) => successors.has(`${l.urn}>${l.linkedUrn}`))).toBe(true);
  });

  it('dates every membership inside its trust’s life and keeps one open trust per academy', () => {
    const open = new Map<number, number>();
    for (const m of estate.memberships) {
      if (m.leftOn !== null) expect(m.leftOn > m.joinedOn).toBe(true);
      else open.set(m.urn, (open.get(m.urn) ?? 0) + 1);
    }
    expect([...open.values()].every((count) => count === 1)).toBe(true);
    const multi = estate.trusts.filter((t) => t.typeCode === '06').length;
    expect(multi).toBeGreaterThan(1_000);
    expect(estate.trusts.length - multi).toBeGreaterThan(1_000);
  });
});

describe('the demo estate', () => {
  it('is unchanged by sharing its school and trust builders with the national estate', () => {
    expect(fingerprint(generateDemoEstate())).toBe(
      '06455881eec2a7ef7c62020381c3396714411f9db74afc5f8c651f93a118b8fd',
    );
  });
});
