import type { EntityManager, MikroORM, SubgraphContextBase, Viewer } from '@estate/subgraph-kit';
import { InspectionService } from './modules/inspection/inspection.service';

export interface InspectionsContext extends SubgraphContextBase {
  em: EntityManager;
  inspections: InspectionService;
}

/**
 * Everything request-scoped is built here, so no identity map or loader cache outlives a request.
 * Inspections are published by Ofsted, so no viewer scope narrows them; the viewer is still
 * verified by the kit server, so that nothing reaches this subgraph around the gateway.
 */
export function createContext(
  orm: MikroORM,
  viewer: Viewer,
  requestId: string,
): InspectionsContext {
  const em = orm.em.fork();
  return { viewer, requestId, em, inspections: new InspectionService(em) };
}
