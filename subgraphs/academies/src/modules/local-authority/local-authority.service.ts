import {
  type ConnectionShape,
  type EntityManager,
  groupBy,
  manyByKey,
  notFound,
  oneByKey,
  type Page,
  parseLaCode,
  toConnection,
  entityRowReader,
} from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { SchoolEntity } from '../school/school.entity';
import type { SchoolRelations } from '../school/school.loader';
import { School } from '../school/school.type';
import { LocalAuthorityEntity } from './local-authority.entity';
import { LocalAuthority, type SchoolOpenSpan } from './local-authority.type';

interface SchoolsPageKey {
  code: string;
  page: Page;
}

export class LocalAuthorityService {
  private readonly byCode: DataLoader<string, LocalAuthorityEntity | null>;
  private readonly schoolsPage: DataLoader<SchoolsPageKey, ConnectionShape<School>, string>;
  private readonly spansByCode: DataLoader<string, SchoolOpenSpan[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly relations: DataLoader<number, SchoolRelations | null>,
  ) {
    this.byCode = new DataLoader(async (codes) => {
      const rows = await em
        .getConnection()
        .execute<Record<string, unknown>[]>(
          'select * from academies.local_authority where code in (?)',
          [[...codes]],
        );
      return oneByKey(codes, rows.map(entityRowReader(em, LocalAuthorityEntity)), (la) => la.code);
    });
    this.schoolsPage = new DataLoader((keys) => this.loadSchoolPages(keys), {
      cacheKeyFn: (key) => JSON.stringify(key),
    });
    this.spansByCode = new DataLoader(async (codes) => {
      const rows = await em
        .getConnection()
        .execute<
          { urn: number; la_code: string; opened_on: string | null; closed_on: string | null }[]
        >(
          'select urn, la_code, opened_on, closed_on from academies.school where la_code in (?) order by urn',
          [[...codes]],
        );
      return manyByKey(codes, rows, (row) => row.la_code).map((list) =>
        list.map((row) => ({ urn: row.urn, openedOn: row.opened_on, closedOn: row.closed_on })),
      );
    });
  }

  async get(code: string): Promise<LocalAuthority> {
    const entity = await this.byCode.load(parseLaCode(code));
    if (!entity) throw notFound(`No local authority has code ${code}`);
    return LocalAuthority.from(entity);
  }

  async find(code: string): Promise<LocalAuthority | null> {
    const entity = await this.byCode.load(code);
    return entity ? LocalAuthority.from(entity) : null;
  }

  /** The LA a school is in, loaded with the school's other relations. */
  async ofSchool(urn: number): Promise<LocalAuthority | null> {
    return (await this.relations.load(urn))?.localAuthority ?? null;
  }

  async list(): Promise<LocalAuthority[]> {
    const rows = await this.em
      .getConnection()
      .execute<Record<string, unknown>[]>('select * from academies.local_authority order by name');
    const read = entityRowReader(this.em, LocalAuthorityEntity);
    return rows.map((row) => LocalAuthority.from(read(row)));
  }

  schools(code: string, page: Page) {
    return this.schoolsPage.load({ code, page });
  }

  async schoolUrns(code: string): Promise<number[]> {
    return (await this.spansByCode.load(code)).map((span) => span.urn);
  }

  schoolSpans(code: string): Promise<SchoolOpenSpan[]> {
    return this.spansByCode.load(code);
  }

  /** One page query and one count per distinct page request, however many LAs are listed. */
  private async loadSchoolPages(keys: readonly SchoolsPageKey[]) {
    const connection = this.em.getConnection();
    const results = new Map<string, ConnectionShape<School>>();
    const groups = groupBy(keys, (key) => JSON.stringify(key.page));
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const { page } = group[0]!;
        const codes = group.map((key) => key.code);
        const afterUrn = page.afterKey === null ? 0 : Number(page.afterKey);
        const [rows, counts] = await Promise.all([
          connection.execute<Record<string, unknown>[]>(
            `select * from (
               select s.*, row_number() over (partition by s.la_code order by s.urn) as position
               from academies.school s where s.la_code in (?) and s.urn > ?
             ) ranked where position <= ? order by la_code, urn`,
            [codes, afterUrn, page.first + 1],
          ),
          connection.execute<{ la_code: string; total: string }[]>(
            `select la_code, count(*) as total from academies.school
             where la_code in (?) group by la_code`,
            [codes],
          ),
        ]);
        const read = entityRowReader(this.em, SchoolEntity);
        const schools = rows.map((row) => School.from(read(row)));
        const schoolsByCode = manyByKey(codes, schools, (school) => school.laCode);
        const totals = new Map(counts.map((c) => [c.la_code, Number(c.total)]));
        codes.forEach((code, index) => {
          results.set(
            JSON.stringify({ code, page }),
            toConnection(
              schoolsByCode[index]!,
              page,
              totals.get(code) ?? 0,
              (s) => s.urn,
              (node, cursor) => ({
                node,
                cursor,
              }),
            ),
          );
        });
      }),
    );
    return keys.map((key) => results.get(JSON.stringify(key))!);
  }
}
