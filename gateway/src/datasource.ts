import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { ErrorCode } from '@estate/subgraph-kit';
import { GraphQLError } from 'graphql';
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
      // Apollo's fetcher types allow a Buffer body; the gateway always sends JSON text.
      fetcher: (input, init) =>
        fetch(input, { ...(init as RequestInit), signal: AbortSignal.timeout(timeoutMs) }),
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

  /**
   * A subgraph answers 400 when a value the client wrote (a date, say) fails its scalar. The gateway
   * has already checked the document's shape, so that is the client's input, and it is reported as
   * such instead of as a failed fetch.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status === 400) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { errors?: { message?: string }[] } | null;
      const first = body?.errors?.[0];
      if (first?.message) {
        return new GraphQLError(first.message, { extensions: { code: ErrorCode.BadUserInput } });
      }
    }
    return super.errorFromResponse(response);
  }
}
