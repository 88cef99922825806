import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aTeacherInput,
  awardCsv,
  DFE,
  ok,
  school,
  startWorkforce,
  teacherViewer,
  type TestWorkforce,
  UPLOAD,
  UPSERT,
} from './support';

const TODAY = '2024-03-04';
const A = 148830;
const B = 100006;
const C = 100053;
const UNLISTED = 137000;

let wf: TestWorkforce;

const AWARD = `query ($reps: [_Any!]!, $year: AcademicYear!) {
  _entities(representations: $reps) { ... on School { urn premiumAward(academicYear: $year) } }
}`;
const CLAIM = `mutation ($trn: String!, $year: AcademicYear!, $urn: Int!) {
  submitPremiumClaim(trn: $trn, academicYear: $year, urn: $urn) {
    refusalReason
    claim { trn academicYear urn subject awardAmountPounds totalAmountPounds claimedOn topUps { amountPounds createdOn } }
    eligibility { eligible reason awardAmountPounds }
  }
}`;
const CLAIMS = `query ($trn: String!) {
  teacher(trn: $trn) { premiumClaims { academicYear awardAmountPounds totalAmountPounds topUps { amountPounds } } }
}`;

interface ClaimPayload {
  submitPremiumClaim: {
    refusalReason: string | null;
    claim: {
      awardAmountPounds: number;
      totalAmountPounds: number;
      topUps: { amountPounds: number }[];
      claimedOn: string;
    } | null;
    eligibility: { eligible: boolean; reason: string | null } | null;
  };
}
interface ClaimsData {
  teacher: {
    premiumClaims: {
      academicYear: string;
      awardAmountPounds: number;
      totalAmountPounds: number;
      topUps: { amountPounds: number }[];
    }[];
  };
}

async function awards(year: string, urns: number[]) {
  const data = ok(
    await wf.run<{ _entities: { urn: number; premiumAward: number | null }[] }>(DFE, AWARD, {
      year,
      reps: urns.map((urn) => ({ __typename: 'School', urn })),
    }),
  );
  return Object.fromEntries(data._entities.map((e) => [e.urn, e.premiumAward]));
}

const claim = (trn: string, urn: number, viewer = teacherViewer(trn), year = '2023/24') =>
  wf.run<ClaimPayload>(viewer, CLAIM, { trn, year, urn });

async function claimsOf(trn: string) {
  return ok(await wf.run<ClaimsData>(DFE, CLAIMS, { trn })).teacher.premiumClaims;
}

beforeAll(async () => {
  wf = await startWorkforce('workforce_claims', { WORKFORCE_TODAY: TODAY });
  ok(
    await wf.run(DFE, UPSERT, {
      input: [
        aTeacherInput('4000001', A),
        aTeacherInput('4000002', B),
        aTeacherInput('4000003', UNLISTED),
        aTeacherInput('4000004', C),
      ],
    }),
  );
});
afterAll(() => wf?.close());

describe('award list uploads', () => {
  it('replaces the whole year’s list: a school left out of the new upload is no longer eligible', async () => {
    const first = ok(
      await wf.run<{ uploadPremiumAwards: Record<string, unknown> }>(DFE, UPLOAD, {
        year: '2023/24',
        csv: awardCsv([
          [A, 2000],
          [B, 1500],
          [C, 2000],
          [UNLISTED, 0],
        ]),
      }),
    );
    expect(first.uploadPremiumAwards).toMatchObject({
      schools: 3,
      skippedZeroAmountRows: 1,
      schoolsByAmount: [
        { awardAmountPounds: 1500, schools: 1 },
        { awardAmountPounds: 2000, schools: 2 },
      ],
    });
    ok(await wf.run(DFE, UPLOAD, { year: '2022/23', csv: awardCsv([[B, 3000]]) }));
    ok(
      await wf.run(DFE, UPLOAD, {
        year: '2023/24',
        csv: awardCsv([
          [A, 2000],
          [C, 2000],
        ]),
      }),
    );

    expect(await awards('2023/24', [A, B, C, UNLISTED])).toEqual({
      [A]: 2000,
      [B]: null,
      [C]: 2000,
      [UNLISTED]: null,
    });
    // Other years are untouched, and a year's list never carries over to the next.
    expect(await awards('2022/23', [A, B])).toEqual({ [A]: null, [B]: 3000 });
    expect(await awards('2024/25', [A, B])).toEqual({ [A]: null, [B]: null });
  });

  it('refuses a file with bad rows whole, listing every one, and keeps the old list', async () => {
    const result = await wf.run(DFE, UPLOAD, {
      year: '2023/24',
      csv: 'school_urn,award_amount\n148830,9000\n12345,2000\n100006,1.5\n148830,2000\n',
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { path: 'line 3', message: expect.stringContaining('6-digit URN') },
        { path: 'line 4', message: expect.stringContaining('whole pounds') },
        { path: 'line 5', message: expect.stringContaining('already listed on line 2') },
      ],
    });
    expect(await awards('2023/24', [A, C])).toEqual({ [A]: 2000, [C]: 2000 });
  });

  it('is for DfE only', async () => {
    const result = await wf.run(school(A), UPLOAD, { year: '2023/24', csv: awardCsv([[A, 3000]]) });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await awards('2023/24', [A])).toEqual({ [A]: 2000 });
  });
});

describe('submitPremiumClaim', () => {
  it('accepts an eligible claim, capturing the award as it stands', async () => {
    const { submitPremiumClaim } = ok(await claim('4000001', A));
    expect(submitPremiumClaim.refusalReason).toBeNull();
    expect(submitPremiumClaim.claim).toMatchObject({
      awardAmountPounds: 2000,
      totalAmountPounds: 2000,
      topUps: [],
      claimedOn: TODAY,
    });
  });

  it('allows one claim per teacher per year', async () => {
    const second = ok(await claim('4000001', A));
    expect(second.submitPremiumClaim).toMatchObject({
      claim: null,
      refusalReason: 'ALREADY_CLAIMED',
    });
    expect(await claimsOf('4000001')).toHaveLength(1);
  });

  it('refuses an ineligible claim with the reason and stores nothing', async () => {
    const refused = ok(await claim('4000003', UNLISTED));
    expect(refused.submitPremiumClaim).toMatchObject({
      claim: null,
      refusalReason: 'SCHOOL_INELIGIBLE',
      eligibility: { eligible: false, reason: 'SCHOOL_INELIGIBLE' },
    });
    expect(await claimsOf('4000003')).toEqual([]);
  });

  it('gives a top-up after an uplift instead of recomputing the claim', async () => {
    ok(await claim('4000004', C));
    const upload = ok(
      await wf.run<{ uploadPremiumAwards: { topUpsCreated: number; topUpPounds: number } }>(
        DFE,
        UPLOAD,
        {
          year: '2023/24',
          csv: awardCsv([
            [A, 2500],
            [C, 1500],
          ]),
        },
      ),
    );
    // A rose by £500 and its claim is topped up; C fell, and its claim keeps what it had.
    expect(upload.uploadPremiumAwards).toMatchObject({ topUpsCreated: 1, topUpPounds: 500 });
    expect(await claimsOf('4000001')).toEqual([
      {
        academicYear: '2023/24',
        awardAmountPounds: 2000,
        totalAmountPounds: 2500,
        topUps: [{ amountPounds: 500 }],
      },
    ]);
    expect(await claimsOf('4000004')).toMatchObject([
      { awardAmountPounds: 2000, totalAmountPounds: 2000, topUps: [] },
    ]);
    // Uploading the same list again owes nothing more.
    const again = ok(
      await wf.run<{ uploadPremiumAwards: { topUpsCreated: number } }>(DFE, UPLOAD, {
        year: '2023/24',
        csv: awardCsv([
          [A, 2500],
          [C, 1500],
        ]),
      }),
    );
    expect(again.uploadPremiumAwards.topUpsCreated).toBe(0);
  });

  it('is made by the teacher themself or DfE, for the year running now', async () => {
    const bySchool = await claim('4000002', B, school(B));
    expect(bySchool.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byOtherTeacher = await claim('4000002', B, teacherViewer('4000001'));
    expect(byOtherTeacher.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const pastYear = await claim('4000002', B, teacherViewer('4000002'), '2022/23');
    expect(pastYear.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'academicYear' }],
    });
  });

  it('lists every problem with a malformed claim at once', async () => {
    const result = await wf.run(DFE, CLAIM, { trn: '12', year: '2023/24', urn: 12 });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'trn' }, { path: 'urn' }],
    });
  });
});
