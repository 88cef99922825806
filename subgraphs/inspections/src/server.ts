import { createSubgraphServer, type MikroORM, type SubgraphServer } from '@estate/subgraph-kit';
import type { InspectionsConfig } from './config';
import { createContext } from './context';
import { buildInspectionsSchema } from './schema';

export async function createInspectionsServer(
  config: InspectionsConfig,
  deps: { orm: MikroORM },
): Promise<SubgraphServer> {
  return createSubgraphServer({
    config,
    schema: await buildInspectionsSchema(),
    orm: deps.orm,
    createContext: (viewer, requestId) => createContext(deps.orm, viewer, requestId),
  });
}
