import {
  containsPattern,
  type ConnectionShape,
  type EntityManager,
  type IsoDate,
  manyByKey,
  notFound,
  oneByKey,
  type Page,
  todayIso,
  toConnection,
  entityRowReader,
} from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { SchoolEntity } from '../school/school.entity';
import { School } from '../school/school.type';
import type { SchoolRelations } from '../school/school.loader';
import { TrustEntity } from './trust.entity';
import {
  type MembershipSpan,
  Trust,
  type TrustFilter,
  type TrustMembership,
  type TrustSchoolEdge,
} from './trust.type';
import { trustTypeCodeOf } from '../school/gias-codes';

/** A span of a school in a trust, with the school itself when academies holds it. */
interface TrustMember extends MembershipSpan {
  groupUid: string;
  school: School | null;
}

type TrustSchoolConnection = ConnectionShape<School, TrustSchoolEdge>;

function isMemberOn(span: MembershipSpan, on: IsoDate): boolean {
  return span.joinedOn <= on && (span.leftOn === null || span.leftOn > on);
}

export class TrustService {
  private readonly byUid: DataLoader<string, TrustEntity | null>;
  private readonly membersByUid: DataLoader<string, TrustMember[]>;

  constructor(
    private readonly em: EntityManager,
    private readonly relations: DataLoader<number, SchoolRelations | null>,
  ) {
    this.byUid = new DataLoader(async (uids) => {
      const rows = await em
        .getConnection()
        .execute<Record<string, unknown>[]>(
          'select * from academies.trust where group_uid in (?)',
          [[...uids]],
        );
      return oneByKey(uids, rows.map(entityRowReader(em, TrustEntity)), (trust) => trust.groupUid);
    });
    // Every span of the trust, past ones too, so that `schools` on any date and `membershipSpans`
    // asked in the same request share one statement; trusts are small enough to page in memory.
    this.membersByUid = new DataLoader(async (uids) => {
      const rows = await em.getConnection().execute<Record<string, unknown>[]>(
        `select m.group_uid as member_of, m.urn as member_urn, m.joined_on as member_joined_on,
                m.left_on as member_left_on, s.*
         from academies.trust_membership m left join academies.school s on s.urn = m.urn
         where m.group_uid in (?) order by m.group_uid, m.urn, m.joined_on`,
        [[...uids]],
      );
      const readSchool = entityRowReader(em, SchoolEntity);
      const members = rows.map((row) => ({
        groupUid: row.member_of as string,
        urn: row.member_urn as number,
        joinedOn: row.member_joined_on as string,
        leftOn: (row.member_left_on as string | null) ?? null,
        // No foreign key to school: a span may name a school that is not loaded (yet).
        school: row.urn === null ? null : School.from(readSchool(row)),
      }));
      return manyByKey(uids, members, (member) => member.groupUid);
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
    const readTrust = entityRowReader(this.em, TrustEntity);
    const trusts = rows.map((row) => Trust.from(readTrust(row)));
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

  /** From the trust history that other subgraphs ask for too, so that it costs no statement of its own. */
  async membershipOf(urn: number, on: IsoDate = todayIso()): Promise<TrustMembership | null> {
    return (await this.history(urn)).find((membership) => isMemberOn(membership, on)) ?? null;
  }

  async history(urn: number): Promise<TrustMembership[]> {
    return (await this.relations.load(urn))?.trustHistory ?? [];
  }

  async membershipSpans(groupUid: string): Promise<MembershipSpan[]> {
    return (await this.membersByUid.load(groupUid)).map(({ urn, joinedOn, leftOn }) => ({
      urn,
      joinedOn,
      leftOn,
    }));
  }

  async schools(
    groupUid: string,
    page: Page,
    on: IsoDate = todayIso(),
  ): Promise<TrustSchoolConnection> {
    const members = (await this.membersByUid.load(groupUid)).filter(
      (member): member is TrustMember & { school: School } =>
        member.school !== null && isMemberOn(member, on),
    );
    const afterUrn = page.afterKey === null ? 0 : Number(page.afterKey);
    return toConnection(
      members.filter((member) => member.urn > afterUrn),
      page,
      members.length,
      (member) => member.urn,
      (member, cursor) => ({
        cursor,
        node: member.school,
        joinedOn: member.joinedOn,
        leftOn: member.leftOn,
      }),
    );
  }
}
