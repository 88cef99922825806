import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@estate/subgraph-kit';
import {
  aTeacherInput,
  awardCsv,
  DFE,
  la,
  ok,
  PUBLIC,
  school,
  startWorkforce,
  type TeacherInputShape,
  teacherViewer,
  type TestWorkforce,
  trust,
  UPLOAD,
  UPSERT,
} from './support';

const TODAY = '2024-03-04';
const BIG_SCHOOL = 140000;
/** 30 schools from 140001, each with three teachers, one of them ineligible. */
const SMALL_SCHOOLS = Array.from({ length: 30 }, (_, index) => 140001 + index);
const OTHER_SCHOOL = 150000;

let wf: TestWorkforce;

const STAFF = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on School { urn premiumEligibleTeachers(academicYear: "2023/24") { trn name subject awardAmountPounds } }
  }
}`;
const TEACHER_ENTITY = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Teacher { trn name } }
}`;

interface StaffData {
  _entities: ({ urn: number; premiumEligibleTeachers: { trn: string }[] | null } | null)[];
}

const rep = (urn: number, extra: Record<string, unknown> = {}) => ({
  __typename: 'School',
  urn,
  ...extra,
});

function staff(viewer: Viewer, reps: Record<string, unknown>[]) {
  return wf.run<StaffData>(viewer, STAFF, { reps });
}

beforeAll(async () => {
  wf = await startWorkforce('workforce_batching', { WORKFORCE_TODAY: TODAY });
  const teachers: TeacherInputShape[] = [];
  for (let i = 0; i < 200; i += 1) {
    teachers.push(aTeacherInput(String(5_000_000 + i), BIG_SCHOOL));
  }
  SMALL_SCHOOLS.forEach((urn, index) => {
    const base = 6_000_000 + index * 3;
    teachers.push(aTeacherInput(String(base), urn));
    teachers.push(aTeacherInput(String(base + 1), urn));
    teachers.push(aTeacherInput(String(base + 2), urn, { eligibleSubjectTeachingPercent: 20 }));
  });
  teachers.push(aTeacherInput('7000000', OTHER_SCHOOL));
  ok(await wf.run(DFE, UPSERT, { input: teachers }));
  const listed = [BIG_SCHOOL, ...SMALL_SCHOOLS, OTHER_SCHOOL].map(
    (urn) => [urn, 2000] as [number, number],
  );
  ok(await wf.run(DFE, UPLOAD, { year: '2023/24', csv: awardCsv(listed) }));
});
afterAll(() => wf?.close());

describe('premiumEligibleTeachers is batched', () => {
  it('lists a school’s 200 teachers in as many statements as a school with three', async () => {
    let big: StaffData | undefined;
    const bigCount = await wf.queryLog.countDuring(async () => {
      big = ok(await staff(DFE, [rep(BIG_SCHOOL)]));
    });
    const smallCount = await wf.queryLog.countDuring(() => staff(DFE, [rep(SMALL_SCHOOLS[0]!)]));
    expect(big?._entities[0]?.premiumEligibleTeachers).toHaveLength(200);
    expect(bigCount).toBe(smallCount);
    // Staff, their whole records, and the schools' awards with the year's largest.
    expect(bigCount).toBe(3);
  });

  it('answers 30 schools in as many statements as one', async () => {
    let many: StaffData | undefined;
    const one = await wf.queryLog.countDuring(() => staff(DFE, [rep(SMALL_SCHOOLS[1]!)]));
    const thirty = await wf.queryLog.countDuring(async () => {
      many = ok(
        await staff(
          DFE,
          SMALL_SCHOOLS.map((urn) => rep(urn)),
        ),
      );
    });
    expect(thirty).toBe(one);
    expect(many?._entities).toHaveLength(30);
    for (const entity of many?._entities ?? []) {
      expect(entity?.premiumEligibleTeachers).toHaveLength(2);
    }
  });
});

describe('premiumTotals is batched', () => {
  const TOTALS = `query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Trust { premiumTotals(academicYear: "2023/24") { eligibleTeachers totalAwardPounds } }
    }
  }`;
  const trustOf = (urns: number[]) => ({
    __typename: 'Trust',
    groupUid: 'T9',
    membershipSpans: urns.map((urn) => ({ urn, joinedOn: '2020-09-01', leftOn: null })),
  });

  it('totals a trust of 30 schools in the three statements a trust of one takes', async () => {
    let totals: { _entities: { premiumTotals: { eligibleTeachers: number } }[] } | undefined;
    const one = await wf.queryLog.countDuring(() =>
      wf.run(DFE, TOTALS, { reps: [trustOf(SMALL_SCHOOLS.slice(0, 1))] }),
    );
    const thirty = await wf.queryLog.countDuring(async () => {
      totals = ok(await wf.run(DFE, TOTALS, { reps: [trustOf(SMALL_SCHOOLS)] }));
    });
    expect(totals?._entities[0]?.premiumTotals.eligibleTeachers).toBe(60);
    expect(one).toBe(3);
    expect(thirty).toBe(3);
  });

  it('reads whole teacher records in one statement, however many teachers', async () => {
    const trns = Array.from({ length: 50 }, (_, index) => String(5_000_000 + index));
    const statements = await wf.queryLog.countDuring(async () => {
      const result = ok(
        await wf.run<{ _entities: { trn: string }[] }>(DFE, TEACHER_ENTITY, {
          reps: trns.map((trn) => ({ __typename: 'Teacher', trn })),
        }),
      );
      expect(result._entities.map((teacher) => teacher.trn)).toEqual(trns);
    });
    expect(statements).toBe(1);
  });
});

describe('who may see a school’s eligible teachers', () => {
  const forbiddenFor = async (viewer: Viewer, representation: Record<string, unknown>) => {
    const result = await staff(viewer, [representation]);
    return {
      teachers: result.data?._entities[0]?.premiumEligibleTeachers,
      code: result.errors?.[0]?.extensions?.code,
    };
  };

  it('shows the school its own staff and refuses it another school’s', async () => {
    expect(await forbiddenFor(school(BIG_SCHOOL), rep(BIG_SCHOOL))).toMatchObject({
      code: undefined,
    });
    expect(await forbiddenFor(school(BIG_SCHOOL), rep(OTHER_SCHOOL))).toEqual({
      teachers: null,
      code: 'FORBIDDEN',
    });
  });

  it('shows an LA the schools in its area, as academies reports it', async () => {
    const inArea = rep(OTHER_SCHOOL, { localAuthority: { code: '806' }, trustHistory: [] });
    expect((await forbiddenFor(la('806'), inArea)).teachers).toHaveLength(1);
    expect(await forbiddenFor(la('805'), inArea)).toEqual({ teachers: null, code: 'FORBIDDEN' });
    // Without the @requires data an LA is refused, never assumed in scope.
    expect((await forbiddenFor(la('806'), rep(OTHER_SCHOOL))).code).toBe('FORBIDDEN');
  });

  it('shows a trust a school it ran during the year, and not one it left before', async () => {
    const history = [
      { groupUid: 'T1', joinedOn: '2019-09-01', leftOn: '2023-09-01' },
      { groupUid: 'T2', joinedOn: '2023-09-01', leftOn: null },
    ];
    const representation = rep(OTHER_SCHOOL, {
      localAuthority: { code: '806' },
      trustHistory: history,
    });
    expect((await forbiddenFor(trust('T2'), representation)).teachers).toHaveLength(1);
    expect((await forbiddenFor(trust('T1'), representation)).code).toBe('FORBIDDEN');
  });

  it('gives the public and MIS vendors no teacher-level data, but the school’s award', async () => {
    expect(await forbiddenFor(PUBLIC, rep(BIG_SCHOOL))).toEqual({
      teachers: null,
      code: 'FORBIDDEN',
    });
    expect((await forbiddenFor({ role: 'MIS_VENDOR', vendorId: 'v1' }, rep(BIG_SCHOOL))).code).toBe(
      'FORBIDDEN',
    );
    const award = ok(
      await wf.run<{ _entities: { premiumAward: number }[] }>(
        PUBLIC,
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { premiumAward(academicYear: "2023/24") } } }`,
        { reps: [rep(BIG_SCHOOL)] },
      ),
    );
    expect(award._entities[0]?.premiumAward).toBe(2000);
  });
});

describe('who may see a teacher', () => {
  const asViewer = async (viewer: Viewer, trn: string) => {
    const result = await wf.run<{ teacher: { trn: string } | null }>(
      viewer,
      `query ($trn: String!) { teacher(trn: $trn) { trn name } }`,
      { trn },
    );
    return { teacher: result.data?.teacher ?? null, code: result.errors?.[0]?.extensions?.code };
  };

  it('shows teachers themselves, and no one else, to a teacher', async () => {
    expect((await asViewer(teacherViewer('7000000'), '7000000')).teacher?.trn).toBe('7000000');
    expect(await asViewer(teacherViewer('7000000'), '5000000')).toEqual({
      teacher: null,
      code: 'FORBIDDEN',
    });
  });

  it('shows a school its own staff only', async () => {
    expect((await asViewer(school(BIG_SCHOOL), '5000001')).teacher?.trn).toBe('5000001');
    expect((await asViewer(school(BIG_SCHOOL), '7000000')).code).toBe('FORBIDDEN');
  });

  it('answers an unknown TRN exactly as an out-of-scope one, except to DfE', async () => {
    expect(await asViewer(school(BIG_SCHOOL), '9999999')).toEqual(
      await asViewer(school(BIG_SCHOOL), '7000000'),
    );
    expect(await asViewer(DFE, '9999999')).toEqual({ teacher: null, code: undefined });
  });

  it('refuses LA, trust and public viewers on Teacher-rooted paths', async () => {
    for (const viewer of [la('806'), trust('T2'), PUBLIC]) {
      expect((await asViewer(viewer, '5000001')).code).toBe('FORBIDDEN');
    }
  });

  it('applies the same scope to _entities: each out-of-scope teacher is null with FORBIDDEN', async () => {
    const result = await wf.run<{ _entities: ({ trn: string } | null)[] }>(
      school(BIG_SCHOOL),
      TEACHER_ENTITY,
      {
        reps: [
          { __typename: 'Teacher', trn: '5000002' },
          { __typename: 'Teacher', trn: '7000000' },
        ],
      },
    );
    expect(result.data?._entities).toEqual([{ trn: '5000002', name: 'Teacher 5000002' }, null]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      path: ['_entities', 1],
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('upsertTeachers', () => {
  it('is all or nothing, listing every problem in the batch', async () => {
    const result = await wf.run(DFE, UPSERT, {
      input: [
        aTeacherInput('8000001', BIG_SCHOOL),
        aTeacherInput('80000', BIG_SCHOOL, { eligibleSubjectTeachingPercent: 140 }),
        aTeacherInput('8000001', 12, {}),
      ],
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: expect.arrayContaining([
        { path: 'input[1].trn', message: expect.any(String) },
        { path: 'input[1].eligibleSubjectTeachingPercent', message: expect.any(String) },
        { path: 'input[2].employment[0].urn', message: expect.any(String) },
        { path: 'input[2].trn', message: 'repeats input[0].trn' },
      ]),
    });
    expect((await wf.run(DFE, `{ teacher(trn: "8000001") { trn } }`)).data?.teacher).toBeNull();
  });

  it('is idempotent: the same records again change nothing', async () => {
    const input = [
      aTeacherInput('8000002', BIG_SCHOOL, {
        formalActions: [{ kind: 'DISCIPLINARY', startedOn: '2023-01-09', endedOn: '2023-02-10' }],
      }),
    ];
    const read = `{ teacher(trn: "8000002") { name employment { urn startDate } formalActions { kind startedOn endedOn } qualification { degreeSubjects } } }`;
    expect(ok(await wf.run(DFE, UPSERT, { input }))).toEqual({
      upsertTeachers: { created: 1, updated: 0 },
    });
    const before = ok(await wf.run(DFE, read));
    expect(ok(await wf.run(DFE, UPSERT, { input }))).toEqual({
      upsertTeachers: { created: 0, updated: 1 },
    });
    expect(ok(await wf.run(DFE, read))).toEqual(before);
    expect(before).toMatchObject({
      teacher: { employment: [{ urn: BIG_SCHOOL }], formalActions: [{ kind: 'DISCIPLINARY' }] },
    });
  });

  it('is for DfE only', async () => {
    const result = await wf.run(school(BIG_SCHOOL), UPSERT, {
      input: [aTeacherInput('8000003', BIG_SCHOOL)],
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
