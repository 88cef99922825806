import {
  containsPattern,
  type EntityManager,
  type Page,
  notFound,
  parseLaCode,
  parseUrn,
  todayIso,
  toConnection,
  entityRowReader,
} from '@estate/subgraph-kit';
import type DataLoader from 'dataloader';
import { codeOf, PHASE_BY_CODE, STATUS_BY_CODE } from './gias-codes';
import { SchoolEntity } from './school.entity';
import { createSchoolLoader } from './school.loader';
import { School, type SchoolFilter } from './school.type';

export class SchoolService {
  private readonly byUrn: DataLoader<number, SchoolEntity | null>;

  constructor(private readonly em: EntityManager) {
    this.byUrn = createSchoolLoader(em);
  }

  async get(urn: number): Promise<School> {
    const entity = await this.byUrn.load(parseUrn(urn));
    if (!entity) throw notFound(`No school has URN ${urn}`);
    return School.from(entity);
  }

  /** For `_entities` and edges: an unknown URN is simply absent, as federation expects. */
  async find(urn: number): Promise<School | null> {
    const entity = await this.byUrn.load(urn);
    return entity ? School.from(entity) : null;
  }

  async list(page: Page, filter: SchoolFilter | null | undefined) {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter?.laCode) {
      conditions.push('s.la_code = ?');
      params.push(parseLaCode(filter.laCode));
    }
    if (filter?.trustGroupUid) {
      const today = todayIso();
      conditions.push(
        `exists (select 1 from academies.trust_membership m where m.urn = s.urn and m.group_uid = ?
           and m.joined_on <= ? and (m.left_on is null or m.left_on > ?))`,
      );
      params.push(filter.trustGroupUid, today, today);
    }
    if (filter?.phase) {
      conditions.push('s.phase_code = ?');
      params.push(codeOf(PHASE_BY_CODE, filter.phase));
    }
    if (filter?.typeGroupCode !== undefined && filter?.typeGroupCode !== null) {
      conditions.push('s.type_group_code = ?');
      params.push(filter.typeGroupCode);
    }
    if (filter?.status) {
      conditions.push('s.status_code = ?');
      params.push(codeOf(STATUS_BY_CODE, filter.status));
    }
    if (filter?.nameContains) {
      conditions.push(`s.name ilike ? escape '\\'`);
      params.push(containsPattern(filter.nameContains));
    }
    const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
    const afterUrn = page.afterKey === null ? 0 : Number(page.afterKey);
    const connection = this.em.getConnection();
    const [rows, [count]] = await Promise.all([
      connection.execute<Record<string, unknown>[]>(
        `select s.* from academies.school s ${where ? `${where} and` : 'where'} s.urn > ? order by s.urn limit ?`,
        [...params, afterUrn, page.first + 1],
      ),
      connection.execute<{ total: string }[]>(
        `select count(*) as total from academies.school s ${where}`,
        params,
      ),
    ]);
    const schools = rows.map((row) => School.from(entityRowReader(this.em, SchoolEntity)(row)));
    return toConnection(
      schools,
      page,
      Number(count?.total ?? 0),
      (s) => s.urn,
      (node, cursor) => ({
        node,
        cursor,
      }),
    );
  }
}
