import type { EntityManager, MikroORM, SubgraphContextBase, Viewer } from '@estate/subgraph-kit';
import { LinkService } from './modules/link/link.service';
import { LocalAuthorityService } from './modules/local-authority/local-authority.service';
import { createSchoolRelationsLoader } from './modules/school/school.loader';
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
  // Shared, so that a school's LA, trust history and links asked together cost one statement.
  const schoolRelations = createSchoolRelationsLoader(em);
  return {
    viewer,
    requestId,
    em,
    schools: new SchoolService(em),
    trusts: new TrustService(em, schoolRelations),
    localAuthorities: new LocalAuthorityService(em, schoolRelations),
    links: new LinkService(schoolRelations),
  };
}
