import { type EntityManager, entityRowReader, oneByKey } from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { SchoolLinkEntity } from '../link/link.entity';
import { LocalAuthorityEntity } from '../local-authority/local-authority.entity';
import { LocalAuthority } from '../local-authority/local-authority.type';
import { TrustEntity } from '../trust/trust.entity';
import { Trust, type TrustMembership, trustMembership } from '../trust/trust.type';
import { SchoolEntity } from './school.entity';

export function createSchoolLoader(em: EntityManager): DataLoader<number, SchoolEntity | null> {
  return new DataLoader(async (urns) => {
    const rows = await em
      .getConnection()
      .execute<Record<string, unknown>[]>('select * from academies.school where urn in (?)', [
        [...urns],
      ]);
    return oneByKey(urns, rows.map(entityRowReader(em, SchoolEntity)), (school) => school.urn);
  });
}

/** What other subgraphs `@requires` of a school: its LA, its trust history and its links. */
export interface SchoolRelations {
  /** Null only for a URN academies holds no school for. */
  localAuthority: LocalAuthority | null;
  /** Oldest first. */
  trustHistory: TrustMembership[];
  /** Every link row naming the school on either side, as GIAS publishes them. */
  linkRows: SchoolLinkEntity[];
}

interface SchoolRelationsRow {
  urn: number;
  local_authority: Record<string, unknown> | null;
  trust_history: { joined_on: string; left_on: string | null; trust: Record<string, unknown> }[];
  links: Record<string, unknown>[];
}

/**
 * One statement for all three, for every URN in the batch: the gateway asks for them together
 * (workforce needs the LA and trust history, inspections the predecessors), and three loaders
 * would cost three statements for every page of schools. Links and memberships name URNs with no
 * foreign key to school, so they are found whether or not academies holds the school.
 */
export function createSchoolRelationsLoader(
  em: EntityManager,
): DataLoader<number, SchoolRelations | null> {
  return new DataLoader(async (urns) => {
    const rows = await em.getConnection().execute<SchoolRelationsRow[]>(
      `select k.urn, to_jsonb(la) as local_authority,
         coalesce((select json_agg(json_build_object('joined_on', m.joined_on, 'left_on', m.left_on,
                    'trust', to_jsonb(t)) order by m.joined_on)
                   from academies.trust_membership m
                   join academies.trust t on t.group_uid = m.group_uid
                   where m.urn = k.urn), '[]') as trust_history,
         coalesce((select json_agg(to_jsonb(l) order by l.established_on, l.linked_urn)
                   from academies.school_link l
                   where l.urn = k.urn or l.linked_urn = k.urn), '[]') as links
       from unnest(array[?]::integer[]) as k (urn)
       left join academies.school s on s.urn = k.urn
       left join academies.local_authority la on la.code = s.la_code`,
      [[...urns]],
    );
    const readLocalAuthority = entityRowReader(em, LocalAuthorityEntity);
    const readTrust = entityRowReader(em, TrustEntity);
    const readLink = entityRowReader(em, SchoolLinkEntity);
    const relations = rows.map((row) => ({
      urn: row.urn,
      localAuthority:
        row.local_authority === null
          ? null
          : LocalAuthority.from(readLocalAuthority(row.local_authority)),
      trustHistory: row.trust_history.map((span) =>
        trustMembership(Trust.from(readTrust(span.trust)), {
          urn: row.urn,
          joinedOn: span.joined_on,
          leftOn: span.left_on,
        }),
      ),
      linkRows: row.links.map(readLink),
    }));
    return oneByKey(urns, relations, (relation) => relation.urn);
  });
}
