import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, normaliseHeader } from '../src/import/csv-table';
import {
  parseCategoryOfConcern,
  parseLaestab,
  parseOfstedDate,
  parseOverallEffectiveness,
  parseRatingWords,
  parseSafeguarding,
  parseSubJudgement,
  parseUrn,
} from '../src/import/ofsted-values';

const value = <T>(parsed: { ok: true; value: T } | { ok: false; problem: string }) =>
  parsed.ok ? parsed.value : `problem: ${parsed.problem}`;

describe('Ofsted dates', () => {
  it('reads ISO, dd/mm/yyyy, dd-mm-yyyy, yyyymmdd and SQL date-times to the same day', () => {
    for (const raw of [
      '2019-12-12',
      '12/12/2019',
      '12-12-2019',
      '20191212',
      '2019-12-12 00:00:00.000',
    ]) {
      expect(value(parseOfstedDate(raw))).toBe('2019-12-12');
    }
    expect(value(parseOfstedDate('1/3/2020'))).toBe('2020-03-01');
  });

  it('reads blank and NULL as no date', () => {
    expect(value(parseOfstedDate(''))).toBeNull();
    expect(value(parseOfstedDate('NULL'))).toBeNull();
  });

  it('rejects dates that do not exist or are in no known layout', () => {
    expect(value(parseOfstedDate('31/02/2023'))).toBe('problem: "31/02/2023" is not a real date');
    expect(value(parseOfstedDate('March 2020'))).toMatch(/not a date in a known layout/);
  });
});

describe('Ofsted grades', () => {
  it('reads overall effectiveness 1–4 and treats 9 and "Not judged" as no headline grade', () => {
    expect(value(parseOverallEffectiveness('3'))).toBe(3);
    expect(value(parseOverallEffectiveness('2.0'))).toBe(2);
    expect(value(parseOverallEffectiveness('9'))).toBeNull();
    expect(value(parseOverallEffectiveness('Not judged'))).toBeNull();
    expect(value(parseOverallEffectiveness('NULL'))).toBeNull();
    expect(value(parseOverallEffectiveness('5'))).toMatch(
      /^problem: "5" is not an overall effectiveness grade/,
    );
  });

  it("keeps Ofsted's 0, 8 and 9 sub-judgement values apart from blank", () => {
    expect(value(parseSubJudgement('0'))).toBe('insufficientEvidence');
    expect(value(parseSubJudgement('8'))).toBe('doesNotApply');
    expect(value(parseSubJudgement('9'))).toBe('notJudged');
    expect(value(parseSubJudgement('Not judged'))).toBe('notJudged');
    expect(value(parseSubJudgement('Good'))).toBe(2);
    expect(value(parseSubJudgement(''))).toBeNull();
    expect(value(parseSubJudgement('7'))).toMatch(/^problem/);
  });

  it('reads ratings in words, with Satisfactory as grade 3', () => {
    expect(value(parseRatingWords('Requires Improvement'))).toBe(3);
    expect(value(parseRatingWords('Satisfactory'))).toBe(3);
    expect(value(parseRatingWords('Inadequate'))).toBe(4);
    expect(value(parseRatingWords('Very good'))).toMatch(/^problem: rating "Very good"/);
  });
});

describe('Ofsted flags and identifiers', () => {
  it('reads safeguarding Yes, No and 9', () => {
    expect([
      value(parseSafeguarding('Yes')),
      value(parseSafeguarding('No')),
      value(parseSafeguarding('9')),
    ]).toEqual(['effective', 'notEffective', 'notRecorded']);
  });

  it('reads categories of concern, with RSI as the new name of serious weaknesses', () => {
    expect(value(parseCategoryOfConcern('SM'))).toBe('specialMeasures');
    expect(value(parseCategoryOfConcern('SWK'))).toBe('seriousWeaknesses');
    expect(value(parseCategoryOfConcern('Requires significant improvement'))).toBe(
      'seriousWeaknesses',
    );
    expect(value(parseCategoryOfConcern('NTI'))).toBe('noticeToImprove');
    expect(value(parseCategoryOfConcern(''))).toBeNull();
    expect(value(parseCategoryOfConcern('XX'))).toMatch(/^problem/);
  });

  it('wants a 6-digit URN and a 7-digit LAESTAB, with or without the slash', () => {
    expect(value(parseUrn('125500'))).toBe(125500);
    expect(value(parseUrn('12550'))).toBe('problem: URN "12550" is not a 6-digit number');
    expect(value(parseLaestab('937/2001'))).toBe(9372001);
    expect(value(parseLaestab('NULL'))).toBeNull();
  });
});

describe('CSV decoding and headers', () => {
  it('reads cp1252 text that is not valid UTF-8', () => {
    const decoded = decodeCsvBytes(
      Buffer.from('URN,Name\n126416,St Thomas \xe0 Becket\n', 'latin1'),
    );
    expect(decoded).toEqual({
      text: 'URN,Name\n126416,St Thomas à Becket\n',
      encoding: 'windows-1252',
    });
  });

  it('matches header names whatever their spacing, case and punctuation', () => {
    expect(normaliseHeader('Previous full inspection overall effectiveness')).toBe(
      normaliseHeader('Previousfullinspectionoveralleffectiveness'),
    );
    expect(normaliseHeader('Safeguarding is effective?')).toBe('safeguardingiseffective');
  });
});
