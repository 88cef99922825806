import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { maxAwardPounds, schoolCountsByAwardPounds } from '../src/domain/award-list';
import { awardListFromCsv, parseAwardListCsv } from '../src/import/award-list-csv';
import { year } from './factories';

const y2022 = year('2022/23');
const smallFixture = fileURLToPath(new URL('./fixtures/award-list-small.csv', import.meta.url));
const realList2022 = fileURLToPath(
  new URL(
    '../../../../shared/data/real/claim-additional-payments-for-teaching/lup_school_awards_2022_to_2023.csv',
    import.meta.url,
  ),
);

describe('parsing a school_urn,award_amount file', () => {
  it('reads amounts written as 2000 or 2000.0 and skips schools listed at 0', () => {
    const parsed = parseAwardListCsv(readFileSync(smallFixture, 'utf8'), y2022);
    expect(Object.fromEntries(parsed.awards.awardPoundsByUrn)).toEqual({
      100006: 2000,
      100053: 1500,
      148830: 2500,
      148790: 3000,
    });
    expect(parsed.skippedZeroAmountRows).toBe(2);
    expect(parsed.rejectedRows).toEqual([]);
    expect(parsed.awards.academicYear.label).toBe('2022/23');
  });

  it('tolerates a byte-order mark, CRLF line ends and a trailing blank line', () => {
    const parsed = parseAwardListCsv('\uFEFFschool_urn,award_amount\r\n100006,2000\r\n\r\n', y2022);
    expect(parsed.awards.awardPoundsByUrn.get(100006)).toBe(2000);
  });

  it('rejects each malformed row with its line and reason', () => {
    const csv = [
      'school_urn,award_amount',
      '100006,2000',
      '10006,2000',
      'ABCDEF,2000',
      '100053,£1500',
      '100054,1500.5',
      '100055,-100',
      '100056,',
      '100057',
      '100006,3000',
    ].join('\n');
    const parsed = parseAwardListCsv(csv, y2022);
    expect(parsed.rejectedRows.map((row) => row.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(parsed.rejectedRows[0]?.reason).toMatch(/6-digit URN, got "10006"/);
    expect(parsed.rejectedRows[3]?.reason).toMatch(/whole pounds.*"1500.5"/);
    expect(parsed.rejectedRows[6]?.reason).toMatch(/expected 2 columns, got 1/);
    expect(parsed.rejectedRows[7]?.reason).toMatch(/already listed on line 2/);
    expect([...parsed.awards.awardPoundsByUrn]).toEqual([[100006, 2000]]);
  });

  it('insists on exactly the headers school_urn,award_amount', () => {
    expect(() => parseAwardListCsv('urn,award_amount\n100006,2000\n', y2022)).toThrow(/exactly/);
    expect(() => parseAwardListCsv('award_amount,school_urn\n2000,100006\n', y2022)).toThrow(
      /exactly/,
    );
    expect(() => parseAwardListCsv('', y2022)).toThrow(/exactly/);
  });

  it('imports nothing from an upload with a bad row, naming every bad line', () => {
    try {
      awardListFromCsv('school_urn,award_amount\n100006,2000\n1,2000\n100053,x\n', y2022);
      expect.unreachable('the upload should have been refused');
    } catch (error) {
      expect(error).toBeInstanceOf(GraphQLError);
      const problems = (error as GraphQLError).extensions.problems as { path: string }[];
      expect(problems.map((problem) => problem.path)).toEqual(['line 3', 'line 4']);
    }
  });

  it('reports broken quoting as bad input rather than crashing', () => {
    expect(() => parseAwardListCsv('school_urn,award_amount\n"100006,2000\n', y2022)).toThrow(
      /not valid CSV/,
    );
  });
});

describe('the real 2022/23 levelling up premium list', () => {
  it.skipIf(!existsSync(realList2022))('reproduces its 2,767 schools and counts by amount', () => {
    const awards = awardListFromCsv(readFileSync(realList2022, 'utf8'), y2022);
    expect(awards.awardPoundsByUrn.size).toBe(2767);
    expect([...schoolCountsByAwardPounds(awards)]).toEqual([
      [1500, 568],
      [2000, 1259],
      [2500, 335],
      [3000, 605],
    ]);
    expect(maxAwardPounds(awards)).toBe(3000);
    expect([100006, 100053, 148830, 148790].map((urn) => awards.awardPoundsByUrn.get(urn))).toEqual(
      [2000, 1500, 2500, 3000],
    );
  });
});
