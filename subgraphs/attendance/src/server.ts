import { createSubgraphServer, type MikroORM, type SubgraphServer } from '@estate/subgraph-kit';
import type { AttendanceConfig } from './config';
import { createContext, limitsOf } from './context';
import { buildAttendanceSchema } from './schema';

export async function createAttendanceServer(
  config: AttendanceConfig,
  deps: { orm: MikroORM },
): Promise<SubgraphServer> {
  const limits = limitsOf(config);
  return createSubgraphServer({
    config,
    schema: await buildAttendanceSchema(),
    orm: deps.orm,
    createContext: (viewer, requestId) => createContext(deps.orm, viewer, requestId, limits),
  });
}
