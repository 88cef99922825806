import type { Viewer } from '@estate/subgraph-kit';

export interface GatewayContext {
  viewer: Viewer;
  requestId: string;
  /** The caller's address, which keys the public viewer's rate limit. */
  clientAddress: string;
}
