import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DefinitionNode, Kind, parse, print } from 'graphql';

/**
 * The trusted-document manifest: every operation in `operations/` printed as a client prints it,
 * keyed by the sha256 of that text (the hash Apollo's persisted-query protocol sends). Public and
 * vendor callers may run these and nothing else.
 */
const operationsDir = join(__dirname, 'operations');
const definitions: DefinitionNode[] = readdirSync(operationsDir)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .flatMap((file) => parse(readFileSync(join(operationsDir, file), 'utf8')).definitions);

const fragments = new Map(
  definitions.flatMap((d) =>
    d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [],
  ),
);

function fragmentsUsedBy(definition: DefinitionNode, seen = new Set<string>()): Set<string> {
  const text = print(definition);
  for (const match of text.matchAll(/\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)/g)) {
    const name = match[1]!;
    const fragment = fragments.get(name);
    if (fragment && !seen.has(name)) {
      seen.add(name);
      fragmentsUsedBy(fragment, seen);
    }
  }
  return seen;
}

const manifest: Record<string, string> = {};
for (const definition of definitions) {
  if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
  const used = [...fragmentsUsedBy(definition)].sort().map((name) => fragments.get(name)!);
  const document = [definition, ...used].map((d) => print(d)).join('\n\n');
  manifest[createHash('sha256').update(document).digest('hex')] = document;
}
writeFileSync(
  join(__dirname, 'generated', 'persisted-documents.json'),
  `${JSON.stringify(manifest, null, 2)}\n`,
);
