import type DataLoader from 'dataloader';
import { isPredecessorLink, isSuccessorLink } from '../school/gias-codes';
import type { SchoolRelations } from '../school/school.loader';
import type { SchoolLink } from './link.type';

/** GIAS publishes most links in both directions, but not all; the missing direction is inferred. */
function reversed(linkType: string): string | null {
  if (isPredecessorLink(linkType)) return linkType.replace(/^predecessor/i, 'Successor');
  if (isSuccessorLink(linkType)) return linkType.replace(/^successor/i, 'Predecessor');
  return null;
}

export class LinkService {
  constructor(private readonly relations: DataLoader<number, SchoolRelations | null>) {}

  /** The school's links, each GIAS row seen from its side, the missing direction inferred. */
  async links(urn: number): Promise<SchoolLink[]> {
    const rows = (await this.relations.load(urn))?.linkRows ?? [];
    const seen = new Set<string>();
    const links: SchoolLink[] = [];
    const add = (link: SchoolLink) => {
      const identity = `${link.urn}|${link.linkType.toLowerCase()}`;
      if (seen.has(identity)) return;
      seen.add(identity);
      links.push(link);
    };
    for (const row of rows) {
      if (row.urn === urn) {
        add({ urn: row.linkedUrn, linkType: row.linkType, establishedOn: row.establishedOn });
      }
      const inverse = reversed(row.linkType);
      if (inverse && row.linkedUrn === urn) {
        add({ urn: row.urn, linkType: inverse, establishedOn: row.establishedOn });
      }
    }
    return links;
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
