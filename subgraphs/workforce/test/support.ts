import {
  createSubgraphServer,
  type MikroORM,
  migrate,
  QueryLog,
  Role,
  type Viewer,
} from '@estate/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@estate/subgraph-kit/src/testing';
import { type WorkforceConfig, readWorkforceConfig } from '../src/config';
import { createContext } from '../src/context';
import { createWorkforceOrm, SCHEMA } from '../src/orm';
import { buildWorkforceSchema } from '../src/schema';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: {
    message: string;
    path?: readonly (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

export interface TestWorkforce {
  orm: MikroORM;
  queryLog: QueryLog;
  config: WorkforceConfig;
  run<T = Record<string, unknown>>(
    viewer: Viewer,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

export const DFE: Viewer = { role: Role.DfE };
export const PUBLIC: Viewer = { role: Role.Public };
export const school = (urn: number): Viewer => ({ role: Role.School, urn });
export const teacherViewer = (trn: string): Viewer => ({ role: Role.Teacher, trn });
export const la = (laCode: string): Viewer => ({ role: Role.LocalAuthority, laCode });
export const trust = (groupUid: string): Viewer => ({ role: Role.Trust, groupUid });

/** The workforce schema on a database of its own, with "today" pinned so that years are stable. */
export async function startWorkforce(
  label: string,
  env: Record<string, string> = {},
): Promise<TestWorkforce & { database: TestDatabase }> {
  const database = await createTestDatabase(label);
  const queryLog = new QueryLog();
  const orm = await createWorkforceOrm(database.url, queryLog);
  await migrate(orm, SCHEMA);
  const config = readWorkforceConfig({ DATABASE_URL: database.url, ...env });
  const { apollo } = createSubgraphServer({
    config,
    schema: await buildWorkforceSchema(),
    orm,
    createContext: (viewer, requestId) => createContext(orm, config, viewer, requestId),
  });
  await apollo.start();
  return {
    orm,
    queryLog,
    config,
    database,
    async run<T>(viewer: Viewer, query: string, variables?: Record<string, unknown>) {
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: createContext(orm, config, viewer, 'test') },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as GraphQLResult<T>;
    },
    async close() {
      await apollo.stop();
      await orm.close();
      await database.drop();
    },
  };
}

export interface TeacherInputShape {
  trn: string;
  name: string;
  qualification: {
    route: string;
    ittStartDate?: string | null;
    ittCompletionDate?: string | null;
    qtsAwardedOn?: string | null;
    ittSubject: string;
    degreeSubjects?: string[];
  };
  employment: {
    urn: number;
    startDate: string;
    endDate?: string | null;
    contractType: string;
    wholeTermContract?: boolean;
    employedDirectlyBySchool?: boolean;
  }[];
  eligibleSubjectTeachingPercent: number;
  formalActions?: { kind: string; startedOn: string; endedOn?: string | null }[];
}

/** A postgraduate maths teacher who started ITT in September 2020 (cohort 2020/21), permanent at `urn`. */
export function aTeacherInput(
  trn: string,
  urn: number,
  overrides: Partial<TeacherInputShape> = {},
): TeacherInputShape {
  return {
    trn,
    name: `Teacher ${trn}`,
    qualification: {
      route: 'POSTGRADUATE_ITT',
      ittStartDate: '2020-09-07',
      qtsAwardedOn: '2021-07-16',
      ittSubject: 'MATHEMATICS',
      degreeSubjects: ['MATHEMATICS'],
    },
    employment: [{ urn, startDate: '2021-09-01', contractType: 'PERMANENT' }],
    eligibleSubjectTeachingPercent: 80,
    formalActions: [],
    ...overrides,
  };
}

export const UPSERT = `mutation ($input: [TeacherInput!]!) { upsertTeachers(input: $input) { created updated } }`;
export const UPLOAD = `mutation ($year: AcademicYear!, $csv: String!) {
  uploadPremiumAwards(academicYear: $year, csv: $csv) {
    academicYear schools skippedZeroAmountRows topUpsCreated topUpPounds
    schoolsByAmount { awardAmountPounds schools }
  }
}`;

export function awardCsv(rows: [number, number][]): string {
  return ['school_urn,award_amount', ...rows.map(([urn, amount]) => `${urn},${amount}`)].join('\n');
}

/** Fails the test with the response's errors rather than a bare "undefined". */
export function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data as T;
}
