import {
  containsPattern,
  type ConnectionShape,
  type EntityManager,
  groupBy,
  type IsoDate,
  manyByKey,
  notFound,
  oneByKey,
  type Page,
  todayIso,
  toConnection,
} from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { SchoolEntity } from '../school/school.entity';
import { School } from '../school/school.type';
import { TrustEntity, TrustMembershipEntity } from './trust.entity';
import {
  type MembershipSpan,
  Trust,
  type TrustFilter,
  type TrustMembership,
  type TrustSchoolEdge,
} from './trust.type';
import { trustTypeCodeOf } from '../school/gias-codes';

interface DatedKey<K> {
  key: K;
  on: IsoDate;
}

interface TrustSchoolsKey {
  groupUid: string;
  on: IsoDate;
  page: Page;
}

type TrustSchoolConnection = ConnectionShape<School, TrustSchoolEdge>;

const MEMBER_ON_DATE = 'm.joined_on <= ? and (m.left_on is null or m.left_on > ?)';

export class TrustService {
  private readonly byUid: DataLoader<string, TrustEntity | null>;
  private readonly membershipOn: DataLoader<DatedKey<number>, TrustMembership | null, string>;
  private readonly historyByUrn: DataLoader<number, TrustMembership[]>;
  private readonly spansByUid: DataLoader<string, MembershipSpan[]>;
  private readonly schoolsPage: DataLoader<TrustSchoolsKey, TrustSchoolConnection, string>;

  constructor(private readonly em: EntityManager) {
    this.byUid = new DataLoader(async (uids) => {
      const rows = await em.find(TrustEntity, { groupUid: { $in: [...uids] } });
      return oneByKey(uids, rows, (row) => row.groupUid);
    });
    this.membershipOn = new DataLoader((keys) => this.loadMembershipsOn(keys), {
      cacheKeyFn: (key) => `${key.key}|${key.on}`,
    });
    this.historyByUrn = new DataLoader(async (urns) => {
      const rows = await this.memberships('m.urn in (?)', [[...urns]]);
      return manyByKey(urns, rows, (row) => row.urn);
    });
    this.spansByUid = new DataLoader(async (uids) => {
      const rows = await em.find(
        TrustMembershipEntity,
        { groupUid: { $in: [...uids] } },
        { orderBy: { urn: 'asc', joinedOn: 'asc' } },
      );
      return manyByKey(uids, rows, (row) => row.groupUid).map((spans) =>
        spans.map(({ urn, joinedOn, leftOn }) => ({ urn, joinedOn, leftOn })),
      );
    });
    this.schoolsPage = new DataLoader((keys) => this.loadSchoolPages(keys), {
      cacheKeyFn: (key) => JSON.stringify(key),
    });
  }

  async get(groupUid: string): Promise<Trust> {
    const entity = await this.byUid.load(groupUid);
    if (!entity) throw notFound(`No trust has group UID ${groupUid}`);
    return Trust.from(entity);
  }

  async find(groupUid: string): Promise<Trust | null> {
    const entity = await this.byUid.load(groupUid);
    return entity ? Trust.from(entity) : null;
  }

  async list(page: Page, filter: TrustFilter | null | undefined) {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter?.type) {
      conditions.push('t.type_code = ?');
      params.push(trustTypeCodeOf(filter.type));
    }
    if (filter?.nameContains) {
      conditions.push(`t.name ilike ? escape '\\'`);
      params.push(containsPattern(filter.nameContains));
    }
    const where = conditions.length ? `${conditions.join(' and ')} and` : '';
    const after = page.afterKey ?? '';
    const connection = this.em.getConnection();
    const [rows, [count]] = await Promise.all([
      connection.execute<Record<string, unknown>[]>(
        `select t.* from academies.trust t where ${where} t.group_uid > ? order by t.group_uid limit ?`,
        [...params, after, page.first + 1],
      ),
      connection.execute<{ total: string }[]>(
        `select count(*) as total from academies.trust t where ${where} true`,
        params,
      ),
    ]);
    const trusts = rows.map((row) => Trust.from(this.em.map(TrustEntity, row)));
    return toConnection(
      trusts,
      page,
      Number(count?.total ?? 0),
      (t) => t.groupUid,
      (node, cursor) => ({
        node,
        cursor,
      }),
    );
  }

  membershipOf(urn: number, on: IsoDate = todayIso()): Promise<TrustMembership | null> {
    return this.membershipOn.load({ key: urn, on });
  }

  history(urn: number): Promise<TrustMembership[]> {
    return this.historyByUrn.load(urn);
  }

  membershipSpans(groupUid: string): Promise<MembershipSpan[]> {
    return this.spansByUid.load(groupUid);
  }

  schools(groupUid: string, page: Page, on: IsoDate = todayIso()): Promise<TrustSchoolConnection> {
    return this.schoolsPage.load({ groupUid, on, page });
  }

  private async memberships(condition: string, params: unknown[]): Promise<TrustMembership[]> {
    const rows = await this.em.getConnection().execute<Record<string, unknown>[]>(
      `select m.urn, m.joined_on, m.left_on, t.*
       from academies.trust_membership m join academies.trust t on t.group_uid = m.group_uid
       where ${condition} order by m.urn, m.joined_on`,
      params,
    );
    return rows.map((row) => {
      const trust = Trust.from(this.em.map(TrustEntity, row));
      return {
        groupUid: trust.groupUid,
        name: trust.name,
        type: trust.type,
        urn: row.urn as number,
        joinedOn: row.joined_on as string,
        leftOn: (row.left_on as string | null) ?? null,
        trust,
      };
    });
  }

  private async loadMembershipsOn(keys: readonly DatedKey<number>[]) {
    const found = new Map<string, TrustMembership>();
    for (const [on, group] of groupBy(keys, (key) => key.on)) {
      const rows = await this.memberships(`m.urn in (?) and ${MEMBER_ON_DATE}`, [
        group.map((key) => key.key),
        on,
        on,
      ]);
      for (const row of rows) found.set(`${row.urn}|${on}`, row);
    }
    return keys.map((key) => found.get(`${key.key}|${key.on}`) ?? null);
  }

  /** One query per distinct date, however many trusts are listed; trusts are small enough to page in memory. */
  private async loadSchoolPages(
    keys: readonly TrustSchoolsKey[],
  ): Promise<TrustSchoolConnection[]> {
    const results = new Map<string, TrustSchoolConnection>();
    for (const [on, group] of groupBy(keys, (key) => key.on)) {
      const rows = await this.em.getConnection().execute<Record<string, unknown>[]>(
        `select m.group_uid as member_of, m.joined_on as member_joined_on, m.left_on as member_left_on, s.*
         from academies.trust_membership m join academies.school s on s.urn = m.urn
         where m.group_uid in (?) and ${MEMBER_ON_DATE} order by m.group_uid, s.urn`,
        [group.map((key) => key.groupUid), on, on],
      );
      const members = rows.map((row) => ({
        groupUid: row.member_of as string,
        joinedOn: row.member_joined_on as string,
        leftOn: (row.member_left_on as string | null) ?? null,
        school: School.from(this.em.map(SchoolEntity, row)),
      }));
      const byTrust = manyByKey(
        group.map((key) => key.groupUid),
        members,
        (member) => member.groupUid,
      );
      group.forEach((key, index) => {
        const all = byTrust[index]!;
        const afterUrn = key.page.afterKey === null ? 0 : Number(key.page.afterKey);
        const rest = all.filter((member) => member.school.urn > afterUrn);
        results.set(
          JSON.stringify(key),
          toConnection(
            rest,
            key.page,
            all.length,
            (m) => m.school.urn,
            (member, cursor) => ({
              cursor,
              node: member.school,
              joinedOn: member.joinedOn,
              leftOn: member.leftOn,
            }),
          ),
        );
      });
    }
    return keys.map((key) => results.get(JSON.stringify(key))!);
  }
}
