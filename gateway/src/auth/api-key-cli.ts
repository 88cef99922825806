import { parseArgs } from 'node:util';
import { readGatewayConfig } from '../config';
import { ApiKeyStore } from './api-keys';

const USAGE = `pnpm api-key create --vendor <id> --urn <URN> [--urn <URN> …]
pnpm api-key revoke <key id>
pnpm api-key list`;

function main(argv: string[]): void {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { vendor: { type: 'string' }, urn: { type: 'string', multiple: true } },
  });
  const store = new ApiKeyStore(readGatewayConfig().apiKeysPath);
  const [command, id] = positionals;
  if (command === 'create' && values.vendor) {
    const { record, key } = store.create(values.vendor, (values.urn ?? []).map(Number));
    console.log(
      `Created key ${record.id} for ${record.vendorId} (schools: ${record.urns.join(', ') || 'none'})`,
    );
    console.log('The key is shown once; only its hash is kept:');
    console.log(key);
  } else if (command === 'revoke' && id) {
    const record = store.revoke(id);
    console.log(`Revoked key ${record.id} of ${record.vendorId} at ${record.revokedAt}`);
  } else if (command === 'list') {
    for (const r of store.list()) {
      console.log(
        `${r.id}  ${r.vendorId}  ${r.revokedAt ? `revoked ${r.revokedAt}` : 'active'}  ${r.urns.join(',')}`,
      );
    }
  } else {
    throw new Error(`Usage:\n${USAGE}`);
  }
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
