import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { REQUEST_ID_HEADER, signViewer } from '@estate/subgraph-kit';
import type { GatewayContext } from './context';

/** Carries the verified viewer to a subgraph in a header only the gateway can sign. */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly gatewaySecret: string,
    timeoutMs: number,
  ) {
    super({
      url,
      fetcher: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const viewer = 'viewer' in context && context.viewer ? context.viewer : undefined;
    if (!viewer) return;
    for (const [name, value] of Object.entries(signViewer(viewer, this.gatewaySecret))) {
      request.http?.headers.set(name, value);
    }
    if ('requestId' in context && context.requestId) {
      request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    }
  }
}
