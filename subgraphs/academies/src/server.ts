import { createSubgraphServer, type MikroORM, type SubgraphServer } from '@estate/subgraph-kit';
import type { AcademiesConfig } from './config';
import { createContext } from './context';
import { buildAcademiesSchema } from './schema';

export async function createAcademiesServer(
  config: AcademiesConfig,
  deps: { orm: MikroORM },
): Promise<SubgraphServer> {
  return createSubgraphServer({
    config,
    schema: await buildAcademiesSchema(),
    orm: deps.orm,
    createContext: (viewer, requestId) => createContext(deps.orm, viewer, requestId),
  });
}
