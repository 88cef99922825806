import { type EntityManager, manyByKey } from '@estate/subgraph-kit';
import DataLoader from 'dataloader';
import { isPredecessorLink, isSuccessorLink } from '../school/gias-codes';
import { SchoolLinkEntity } from './link.entity';
import type { SchoolLink } from './link.type';

/** GIAS publishes most links in both directions, but not all; the missing direction is inferred. */
function reversed(linkType: string): string | null {
  if (isPredecessorLink(linkType)) return linkType.replace(/^predecessor/i, 'Successor');
  if (isSuccessorLink(linkType)) return linkType.replace(/^successor/i, 'Predecessor');
  return null;
}

export class LinkService {
  private readonly byUrn: DataLoader<number, SchoolLink[]>;

  constructor(em: EntityManager) {
    this.byUrn = new DataLoader(async (urns) => {
      const rows = await em.find(
        SchoolLinkEntity,
        { $or: [{ urn: { $in: [...urns] } }, { linkedUrn: { $in: [...urns] } }] },
        { orderBy: { establishedOn: 'asc', linkedUrn: 'asc' } },
      );
      const views: (SchoolLink & { of: number })[] = [];
      for (const row of rows) {
        views.push({
          of: row.urn,
          urn: row.linkedUrn,
          linkType: row.linkType,
          establishedOn: row.establishedOn,
        });
        const inverse = reversed(row.linkType);
        if (inverse) {
          views.push({
            of: row.linkedUrn,
            urn: row.urn,
            linkType: inverse,
            establishedOn: row.establishedOn,
          });
        }
      }
      return manyByKey(urns, views, (view) => view.of).map((links) => {
        const seen = new Set<string>();
        return links
          .filter((link) => {
            const identity = `${link.urn}|${link.linkType.toLowerCase()}`;
            if (seen.has(identity)) return false;
            seen.add(identity);
            return true;
          })
          .map(({ urn, linkType, establishedOn }) => ({ urn, linkType, establishedOn }));
      });
    });
  }

  links(urn: number): Promise<SchoolLink[]> {
    return this.byUrn.load(urn);
  }

  async predecessorUrns(urn: number): Promise<number[]> {
    return unique((await this.links(urn)).filter((l) => isPredecessorLink(l.linkType)));
  }

  async successorUrns(urn: number): Promise<number[]> {
    return unique((await this.links(urn)).filter((l) => isSuccessorLink(l.linkType)));
  }
}

function unique(links: SchoolLink[]): number[] {
  return [...new Set(links.map((link) => link.urn))];
}
