import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOfstedRatingHistory } from '../src/import/ofsted-history';

const FIXTURE = join(__dirname, 'fixtures', 'ofsted-ratings-sample.csv');
const REAL = '/work/shared/data/real/waiky8-schools-data';
const RATINGS_2018 = `${REAL}/ofsted_ratings_2018.csv`;
const SCHOOL_DETAILS_2018 = `${REAL}/school_details_2018.csv`;

const parsedFiles = new Map<string, ReturnType<typeof parseOfstedRatingHistory>>();
function loadOnce(path: string): ReturnType<typeof parseOfstedRatingHistory> {
  if (!parsedFiles.has(path)) parsedFiles.set(path, parseOfstedRatingHistory(readFileSync(path)));
  return parsedFiles.get(path)!;
}

describe('Ofsted rating history fixture', () => {
  const result = parseOfstedRatingHistory(readFileSync(FIXTURE));

  it('reads each rating as a graded inspection with a headline grade, Satisfactory as grade 3', () => {
    expect(
      result.records.map(({ line, inspection }) => [
        line,
        inspection.urn,
        inspection.startDate,
        inspection.overallEffectiveness,
      ]),
    ).toEqual([
      [2, 140201, '2013-04-18', 1],
      [3, 140201, '2008-09-26', 3],
      [4, 140202, '2018-03-06', 3],
      [6, 140203, '2013-12-04', 3],
    ]);
    expect(result.records[0]?.inspection).toMatchObject({
      kind: 'graded',
      publicationDate: null,
      subJudgements: {},
    });
  });

  it('explains every rejected row', () => {
    expect(result.rowCount).toBe(result.records.length + result.rejections.length);
    expect(result.rejections).toEqual([
      {
        line: 5,
        reason:
          'duplicate of line 4: URN 140202 on 2018-03-06, grade 3 ("Requires Improvement" here, "Requires Improvement" there)',
      },
      {
        line: 7,
        reason:
          'conflicting ratings for URN 140204 on 2015-05-05 (line 7 "Good", line 8 "Outstanding"): none kept',
      },
      {
        line: 8,
        reason:
          'conflicting ratings for URN 140204 on 2015-05-05 (line 7 "Good", line 8 "Outstanding"): none kept',
      },
      {
        line: 9,
        reason:
          'rating "Very good" is not Outstanding, Good, Requires Improvement, Satisfactory or Inadequate',
      },
      { line: 10, reason: 'URN "1402" is not a 6-digit number' },
      { line: 11, reason: '"20150231" is not a real date' },
      { line: 12, reason: 'no rating' },
      {
        line: 13,
        reason:
          'rating "Good" dated 2024-09-02: Ofsted gave no single headline grades from 2 September 2024',
      },
      { line: 14, reason: 'no rating and no date: the school has no inspection in this file' },
    ]);
  });

  it('warns about Satisfactory dated after grade 3 was renamed, but not before', () => {
    expect(result.warnings).toEqual([
      {
        line: 6,
        message:
          '"Satisfactory" dated 2013-12-04, after grade 3 was renamed "Requires improvement" on 1 September 2012; kept as grade 3',
      },
    ]);
  });
});

describe('waiky8 ofsted_ratings_2018.csv (scraped history, 2005–2020)', () => {
  const load = () => loadOnce(RATINGS_2018);

  it.skipIf(!existsSync(RATINGS_2018))(
    'imports 60,131 of 60,134 rows over 20,614 URNs and explains the 3 it leaves out',
    () => {
      const result = load();
      expect([result.encoding, result.rowCount, result.records.length]).toEqual([
        'utf-8',
        60134,
        60131,
      ]);
      expect(new Set(result.records.map((record) => record.inspection.urn)).size).toBe(20614);
      expect(result.rejections).toEqual([
        {
          line: 46764,
          reason:
            'duplicate of line 46763: URN 131288 on 2018-03-06, grade 3 ("Requires Improvement" here, "Requires Improvement" there)',
        },
        {
          line: 49009,
          reason:
            'duplicate of line 49008: URN 133646 on 2014-10-08, grade 4 ("Inadequate" here, "Inadequate" there)',
        },
        {
          line: 54403,
          reason:
            'duplicate of line 54402: URN 137699 on 2013-12-04, grade 3 ("Satisfactory" here, "Requires Improvement" there)',
        },
      ]);
    },
  );

  it.skipIf(!existsSync(RATINGS_2018))(
    'gives the grade counts of the file less its duplicates',
    () => {
      const counts = load().records.reduce<Record<number, number>>((tally, { inspection }) => {
        const grade = inspection.overallEffectiveness!;
        tally[grade] = (tally[grade] ?? 0) + 1;
        return tally;
      }, {});
      expect(counts).toEqual({ 1: 6630, 2: 32157, 3: 18294, 4: 3050 });
    },
  );

  it.skipIf(!existsSync(RATINGS_2018))(
    'flags the 46 Satisfactory ratings dated after September 2012',
    () => {
      const { warnings } = load();
      expect(warnings).toHaveLength(46);
      expect(warnings[0]).toEqual({
        line: 3157,
        message:
          '"Satisfactory" dated 2013-06-25, after grade 3 was renamed "Requires improvement" on 1 September 2012; kept as grade 3',
      });
    },
  );

  it.skipIf(!existsSync(RATINGS_2018))(
    "reads Sir John Cass's Foundation Primary (URN 100000) field by field",
    () => {
      const history = load().records.filter((record) => record.inspection.urn === 100000);
      expect(
        history.map(({ line, inspection }) => [
          line,
          inspection.startDate,
          inspection.overallEffectiveness,
        ]),
      ).toEqual([
        [2, '2013-04-18', 1],
        [3, '2008-09-26', 1],
        [4, '2005-09-21', 2],
      ]);
    },
  );
});

describe('waiky8 school_details_2018.csv (latest rating per school, cp1252)', () => {
  const load = () => loadOnce(SCHOOL_DETAILS_2018);

  it.skipIf(!existsSync(SCHOOL_DETAILS_2018))(
    'maps "Inspect Date" by name and rejects the 5,464 schools with no inspection',
    () => {
      const result = load();
      expect([
        result.encoding,
        result.rowCount,
        result.records.length,
        result.rejections.length,
      ]).toEqual(['windows-1252', 26078, 20614, 5464]);
      expect(new Set(result.rejections.map((rejection) => rejection.reason))).toEqual(
        new Set(['no rating and no date: the school has no inspection in this file']),
      );
      expect(result.rejections[0]?.line).toBe(3);
    },
  );

  it.skipIf(!existsSync(SCHOOL_DETAILS_2018) || !existsSync(RATINGS_2018))(
    'agrees with the newest inspection of every URN in the rating history',
    () => {
      const newest = new Map<number, { date: string; grade: number | null }>();
      for (const { inspection } of loadOnce(RATINGS_2018).records) {
        const known = newest.get(inspection.urn);
        if (!known || inspection.startDate! > known.date) {
          newest.set(inspection.urn, {
            date: inspection.startDate!,
            grade: inspection.overallEffectiveness,
          });
        }
      }
      const disagreements = load().records.filter(({ inspection }) => {
        const known = newest.get(inspection.urn);
        return (
          known?.date !== inspection.startDate || known?.grade !== inspection.overallEffectiveness
        );
      });
      expect(disagreements).toEqual([]);
    },
  );

  it.skipIf(!existsSync(SCHOOL_DETAILS_2018))(
    'reads St Thomas à Becket (URN 126416) from its cp1252 row',
    () => {
      const record = load().records.find(({ inspection }) => inspection.urn === 126416);
      expect(record).toMatchObject({
        line: 14179,
        inspection: { startDate: '2011-03-15', overallEffectiveness: 2 },
      });
    },
  );
});
