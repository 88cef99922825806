import type { EntityManager, MikroORM, SubgraphContextBase, Viewer } from '@estate/subgraph-kit';
import { LinkService } from './modules/link/link.service';
import { LocalAuthorityService } from './modules/local-authority/local-authority.service';
import { SchoolService } from './modules/school/school.service';
import { TrustService } from './modules/trust/trust.service';

export interface AcademiesContext extends SubgraphContextBase {
  em: EntityManager;
  schools: SchoolService;
  trusts: TrustService;
  localAuthorities: LocalAuthorityService;
  links: LinkService;
}

/** Everything request-scoped is built here, so no identity map or loader cache outlives a request. */
export function createContext(orm: MikroORM, viewer: Viewer, requestId: string): AcademiesContext {
  const em = orm.em.fork();
  return {
    viewer,
    requestId,
    em,
    schools: new SchoolService(em),
    trusts: new TrustService(em),
    localAuthorities: new LocalAuthorityService(em),
    links: new LinkService(em),
  };
}
