import type { Viewer } from '@estate/subgraph-kit';

export interface GatewayContext {
  viewer: Viewer;
  requestId: string;
}
