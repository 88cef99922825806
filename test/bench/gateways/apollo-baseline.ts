import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';
import { loadViewerLookup, signedViewerHeaders } from '../viewers';

/**
 * The baseline: `@apollo/gateway` and Apollo Server with their defaults on the same supergraph. Its
 * data source adds the signed viewer header the subgraphs require, and nothing else.
 */
interface BaselineContext {
  authorization?: string;
}

const viewerOf = loadViewerLookup(process.env.BENCH_VIEWERS_PATH!);
const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS!) as Record<string, string>;

class SignedViewerDataSource extends RemoteGraphQLDataSource<BaselineContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<BaselineContext>['willSendRequest']>>[0]) {
    const authorization = 'authorization' in context ? context.authorization : undefined;
    for (const [name, value] of Object.entries(signedViewerHeaders(viewerOf(authorization)))) {
      request.http?.headers.set(name, value);
    }
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
  buildService: ({ name, url }) => new SignedViewerDataSource({ url: subgraphUrls[name] ?? url }),
});
const server = new ApolloServer<BaselineContext>({ gateway });

void startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(process.env.PORT) },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
}).then(({ url }) => console.log(`apollo baseline gateway at ${url}`));
