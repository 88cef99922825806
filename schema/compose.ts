import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { SUBGRAPHS, subgraphUrl } from './subgraphs';

/**
 * Composes every subgraph's SDL into the committed supergraph. With --check it writes nothing and
 * fails when a committed file has drifted from the code or composition fails.
 */
async function main(check: boolean): Promise<void> {
  const outputs = new Map<string, string>();
  const services = [];
  for (const subgraph of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await (await subgraph.load()).buildSchema());
    outputs.set(`${subgraph.name}.graphql`, `${sdl.trim()}\n`);
    services.push({ name: subgraph.name, url: subgraphUrl(subgraph.port), typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) {
    for (const error of result.errors) console.error(error.message);
    throw new Error('Composition failed');
  }
  outputs.set('supergraph.graphql', `${result.supergraphSdl.trim()}\n`);

  const drifted: string[] = [];
  for (const [file, content] of outputs) {
    const path = join(__dirname, file);
    if (check) {
      let committed = '';
      try {
        committed = readFileSync(path, 'utf8');
      } catch {
        // a missing file is drift like any other
      }
      if (committed !== content) drifted.push(file);
    } else {
      writeFileSync(path, content);
    }
  }
  if (drifted.length) {
    throw new Error(`Out of date: schema/${drifted.join(', schema/')}. Run pnpm compose.`);
  }
  console.log(check ? 'Supergraph is up to date' : `Wrote ${[...outputs.keys()].join(', ')}`);
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
