import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOfstedManagementInformation } from '../src/import/ofsted-mi';

const FIXTURE = join(__dirname, 'fixtures', 'ofsted-mi-sample.csv');
const REAL_MI_2020 =
  '/work/shared/data/real/andrewcartledge-ofsted-outcome-predictor/Inspection Outcome Map Data - Logistic Regression.csv';

describe('Ofsted MI fixture (current "graded"/"ungraded" headers)', () => {
  const result = parseOfstedManagementInformation(readFileSync(FIXTURE));
  const school = (urn: number) => result.records.find((record) => record.schoolUrn === urn)!;

  it('reads every row into a record or a rejection', () => {
    expect(result.rowCount).toBe(7);
    expect(result.records.map((record) => record.schoolUrn)).toEqual([
      140101, 140102, 140103, 140104,
    ]);
    expect(result.rejections.map((rejection) => rejection.line)).toEqual([6, 7, 8]);
    expect(result.notes).toEqual([]);
  });

  it('reads the latest and previous graded inspections field by field, the previous under its predecessor URN', () => {
    const [latest, previous] = school(140101).inspections;
    expect(latest).toEqual({
      kind: 'graded',
      urn: 140101,
      inspectionNumber: '10230001',
      startDate: '2023-03-07',
      publicationDate: '2023-04-18',
      overallEffectiveness: 3,
      categoryOfConcern: null,
      subJudgements: {
        qualityOfEducation: 3,
        behaviourAndAttitudes: 2,
        personalDevelopment: 2,
        leadershipAndManagement: 3,
        earlyYearsProvision: 'doesNotApply',
      },
      safeguarding: 'effective',
      outcomeText: null,
    });
    expect(previous).toMatchObject({
      urn: 120101,
      startDate: '2019-06-12',
      overallEffectiveness: 4,
      categoryOfConcern: 'specialMeasures',
      subJudgements: { qualityOfEducation: 4 },
      safeguarding: 'notEffective',
    });
  });

  it('keeps "Not judged", 0, 8 and 9 as the values Ofsted meant', () => {
    const [latest, previous] = school(140102).inspections;
    expect(latest).toMatchObject({
      overallEffectiveness: null,
      categoryOfConcern: 'seriousWeaknesses',
      subJudgements: {
        earlyYearsProvision: 'insufficientEvidence',
        sixthFormProvision: 'doesNotApply',
      },
      safeguarding: 'notEffective',
    });
    expect(previous?.safeguarding).toBe('notRecorded');
    expect(school(140103).inspections[2]?.subJudgements).toEqual({});
    expect(
      school(140103).inspections.find((i) => i.kind === 'graded')?.subJudgements
        .earlyYearsProvision,
    ).toBe('notJudged');
  });

  it('reads the latest ungraded visit, newest first, with its outcome in words', () => {
    expect(school(140103).laestab).toBe(9991003);
    expect(school(140103).inspections.map((i) => [i.kind, i.startDate])).toEqual([
      ['ungraded', '2024-05-01'],
      ['graded', '2022-03-14'],
      ['graded', '2017-11-01'],
    ]);
    expect(school(140103).inspections[0]?.outcomeText).toBe('School remains Good');
  });

  it('drops, with a warning, a headline grade dated after 2 September 2024, and skips an ungraded visit that converted', () => {
    expect(school(140104).inspections).toHaveLength(1);
    expect(school(140104).inspections[0]).toMatchObject({
      kind: 'graded',
      overallEffectiveness: null,
      subJudgements: { qualityOfEducation: 2 },
    });
    expect(result.warnings).toEqual([
      {
        line: 5,
        message:
          'latest overall effectiveness 2 dated 2025-02-08 dropped: no single headline grades from 2 September 2024',
      },
    ]);
  });

  it('explains every rejected row, listing all its problems', () => {
    expect(result.rejections).toEqual([
      {
        line: 6,
        reason:
          'URN: URN "14010" is not a 6-digit number; URN at time of latest graded inspection: URN "14010" is not a 6-digit number',
      },
      {
        line: 7,
        reason:
          'Inspection start date: "31/02/2023" is not a real date; Overall effectiveness: "5" is not an overall effectiveness grade (1–4, 9 or "Not judged"); Safeguarding is effective?: "Maybe" is not a safeguarding answer (Yes, No or 9)',
      },
      { line: 8, reason: 'URN 140107 has no inspection in this file (no dates)' },
    ]);
  });

  it('refuses a file without the columns it needs', () => {
    expect(() => parseOfstedManagementInformation(Buffer.from('URN,Name\n140101,A\n'))).toThrow(
      /missing column "Overall effectiveness"/,
    );
  });
});

describe('Ofsted MI as at 31 Aug 2020 (andrewcartledge, Warwickshire)', () => {
  let parsed: ReturnType<typeof parseOfstedManagementInformation> | undefined;
  const load = () => (parsed ??= parseOfstedManagementInformation(readFileSync(REAL_MI_2020)));

  it.skipIf(!existsSync(REAL_MI_2020))(
    'reads all 228 rows, each with a latest and a previous graded inspection',
    () => {
      const result = load();
      expect(result.encoding).toBe('utf-8');
      expect([
        result.rowCount,
        result.records.length,
        result.rejections.length,
        result.warnings.length,
      ]).toEqual([228, 228, 0, 0]);
      expect(result.records.flatMap((record) => record.inspections)).toHaveLength(456);
    },
  );

  it.skipIf(!existsSync(REAL_MI_2020))(
    'says what the file lacks: start dates and URNs at the time of inspection',
    () => {
      expect(load().notes).toEqual([
        'no "Inspection start date" column: inspections are dated by their publication date',
        "no \"URN at time of …\" columns: inspections are attributed to the school's current URN, though an academy's earlier inspection may have been made under its predecessor's",
      ]);
    },
  );

  it.skipIf(!existsSync(REAL_MI_2020))(
    'maps R-mangled headers by name: Nursery Hill Primary School field by field',
    () => {
      const nurseryHill = load().records[0]!;
      expect(nurseryHill).toMatchObject({
        line: 2,
        schoolUrn: 125500,
        laestab: 9372001,
        schoolName: 'Nursery Hill Primary School',
      });
      expect(nurseryHill.inspections).toEqual([
        expect.objectContaining({
          kind: 'graded',
          urn: 125500,
          startDate: null,
          publicationDate: '2019-12-12',
          overallEffectiveness: 3,
        }),
        expect.objectContaining({
          kind: 'graded',
          urn: 125500,
          startDate: null,
          publicationDate: '2016-06-21',
          overallEffectiveness: 2,
        }),
      ]);
    },
  );

  it.skipIf(!existsSync(REAL_MI_2020))('gives the same grade counts as the file', () => {
    const counts = (slot: 0 | 1) =>
      load().records.reduce<Record<string, number>>((tally, record) => {
        const grade = String(record.inspections[slot]?.overallEffectiveness);
        tally[grade] = (tally[grade] ?? 0) + 1;
        return tally;
      }, {});
    expect(counts(0)).toEqual({ 1: 33, 2: 163, 3: 27, 4: 5 });
    expect(counts(1)).toEqual({ 1: 20, 2: 102, 3: 93, 4: 13 });
  });

  it.skipIf(!existsSync(REAL_MI_2020))(
    'reads Great Alne Primary School: Good in 2013 after Satisfactory in 2012',
    () => {
      const greatAlne = load().records.find((record) => record.schoolUrn === 125511)!;
      expect(greatAlne.inspections.map((i) => [i.publicationDate, i.overallEffectiveness])).toEqual(
        [
          ['2013-11-26', 2],
          ['2012-05-29', 3],
        ],
      );
    },
  );
});
