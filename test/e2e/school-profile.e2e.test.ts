import { SchoolProfileDocument } from '../../codegen/generated/graphql';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../support/graph';

/** A Middlesbrough academy the demo seed gives registers, inspections and teachers. */
const URN = 136330;
const YEAR = '2025/26';
const query = print(SchoolProfileDocument);

interface Profile {
  school: {
    name: string;
    localAuthority: { code: string };
    trust: { groupUid: string } | null;
    attendance: { possibleSessions: number | null; overallAbsenceRate: number | null } | null;
    inspections: { kind: string }[] | null;
    interventionStatus: { eligible: boolean } | null;
    premiumEligibleTeachers: { trn: string; awardAmountPounds: number }[] | null;
  } | null;
}

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph('school_profile');
});
afterAll(() => graph?.close());

describe('the school profile: one request, four subgraphs', () => {
  it('answers GIAS facts, attendance, inspections and eligible teachers together', async () => {
    const token = await graph.token({ role: 'DFE' });
    const res = await graph.query<Profile>(query, { urn: URN, year: YEAR }, { token });
    expect(res.errors).toBeUndefined();
    const school = res.data!.school!;
    expect(school.localAuthority.code).toBe('806');
    expect(school.attendance?.possibleSessions).toBeGreaterThan(0);
    expect(school.inspections?.length).toBeGreaterThan(0);
    expect(school.interventionStatus).not.toBeNull();
    expect(Array.isArray(school.premiumEligibleTeachers)).toBe(true);
  });

  it('gives the school’s own viewer its profile and another school’s viewer only what is public', async () => {
    const own = await graph.token({ role: 'SCHOOL', urn: URN });
    const mine = await graph.query<Profile>(query, { urn: URN, year: YEAR }, { token: own });
    expect(mine.errors).toBeUndefined();

    const other = await graph.token({ role: 'SCHOOL', urn: 111000 });
    const theirs = await graph.query<Profile>(query, { urn: URN, year: YEAR }, { token: other });
    expect(theirs.data?.school?.name).toBeTruthy();
    expect(theirs.data?.school?.inspections?.length).toBeGreaterThan(0);
    expect(theirs.data?.school?.premiumEligibleTeachers ?? null).toBeNull();
    expect(theirs.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });
});

describe('when a subgraph is down', () => {
  it('still answers the other subgraphs’ fields, nulls the missing ones with an error, and recovers', async () => {
    const token = await graph.token({ role: 'DFE' });
    const inspections = graph.subgraphs.inspections!;
    const port = inspections.server.port;
    await inspections.server.close();

    const res = await graph.query<Profile>(query, { urn: URN, year: YEAR }, { token });
    expect(res.status).toBe(200);
    expect(res.data?.school?.name).toBeTruthy();
    expect(res.data?.school?.attendance?.possibleSessions).toBeGreaterThan(0);
    expect(res.data?.school?.inspections ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'inspections',
    });
    expect(JSON.stringify(res.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);

    const config = inspections.module.readConfig({
      NODE_ENV: 'test',
      GATEWAY_SECRET: 'test-gateway-secret',
      DATABASE_URL: graph.database.url,
    });
    inspections.server = await (
      await inspections.module.createServer(config, { orm: inspections.orm })
    ).listen(port);
    const recovered = await graph.query<Profile>(query, { urn: URN, year: YEAR }, { token });
    expect(recovered.errors).toBeUndefined();
    expect(recovered.data?.school?.inspections?.length).toBeGreaterThan(0);
  });
});
