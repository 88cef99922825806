import { createGatewayRuntime } from '@graphql-hive/gateway';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadViewerLookup, signedViewerHeaders } from '../viewers';

/**
 * Hive Gateway with its defaults (upstream in-flight deduplication of queries included) on the same
 * supergraph, served on node:http as its docs show. It adds the signed viewer header the subgraphs
 * require, and nothing else.
 */
const viewerOf = loadViewerLookup(process.env.BENCH_VIEWERS_PATH!);
const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS!) as Record<string, string>;

// The supergraph names subgraphs' composed URLs; point each at where the bench runs it.
let supergraph = readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8');
supergraph = supergraph.replace(
  /@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g,
  (whole, name: string) =>
    subgraphUrls[name] ? `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")` : whole,
);

const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) =>
      signedViewerHeaders(viewerOf(request.headers.get('authorization') ?? undefined)),
  },
});

const server = createServer(gateway);
server.listen(Number(process.env.PORT), '127.0.0.1', () =>
  console.log(`hive gateway at http://127.0.0.1:${process.env.PORT}/graphql`),
);
