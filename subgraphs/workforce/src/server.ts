import { createSubgraphServer, type MikroORM, type SubgraphServer } from '@estate/subgraph-kit';
import type { WorkforceConfig } from './config';
import { createContext } from './context';
import { buildWorkforceSchema } from './schema';

export async function createWorkforceServer(
  config: WorkforceConfig,
  deps: { orm: MikroORM },
): Promise<SubgraphServer> {
  return createSubgraphServer({
    config,
    schema: await buildWorkforceSchema(),
    orm: deps.orm,
    createContext: (viewer, requestId) => createContext(deps.orm, config, viewer, requestId),
  });
}
