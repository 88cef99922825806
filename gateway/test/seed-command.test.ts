import { describe, expect, it } from 'vitest';
import { readSchoolSelection, readSeedCommand } from '../src/launch/config';

describe('pnpm seed arguments', () => {
  it('seeds the demo with no options by default', () => {
    expect(readSeedCommand([])).toEqual({ help: false, scale: 'demo', options: {} });
  });

  it('asks for pupil registers of one LA at national scale', () => {
    expect(readSeedCommand(['--scale', 'national', '--pupil-registers', '806'])).toEqual({
      help: false,
      scale: 'national',
      options: { pupilRegisters: { urns: [], laCodes: ['806'] } },
    });
  });

  it('takes the flag in its --flag=value form too', () => {
    expect(readSeedCommand(['--scale=national', '--pupil-registers=136330']).options).toEqual({
      pupilRegisters: { urns: [136330], laCodes: [] },
    });
  });

  it('refuses a scale it does not know, and options it does not know', () => {
    expect(() => readSeedCommand(['--scale', 'england'])).toThrow(
      '--scale is demo or national, not "england"',
    );
    expect(() => readSeedCommand(['--pupil-register', '806'])).toThrow(/--pupil-register/);
  });

  it('refuses the flag without a list', () => {
    expect(() => readSeedCommand(['--scale', 'national', '--pupil-registers'])).toThrow(
      /--pupil-registers/,
    );
  });
});

describe('the schools asked for pupil registers', () => {
  it('tells 3-digit LA codes from 6-digit URNs in one comma-separated list', () => {
    expect(readSchoolSelection('806,136330, 202 ,111001')).toEqual({
      urns: [136330, 111001],
      laCodes: ['806', '202'],
    });
  });

  it('names each school once, however often it is asked for', () => {
    expect(readSchoolSelection('806,136330,806,136330')).toEqual({
      urns: [136330],
      laCodes: ['806'],
    });
  });

  it('refuses anything that is neither an LA code nor a URN, naming it', () => {
    for (const bad of ['80', '8060', '13633', '1363300', '013633', 'E06000002', '806,', '']) {
      expect(() => readSchoolSelection(bad)).toThrow(
        /is neither a 3-digit LA code nor a 6-digit URN/,
      );
    }
    expect(() => readSchoolSelection('806,abc')).toThrow('"abc"');
  });
});
