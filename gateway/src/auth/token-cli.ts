import { Role } from '@estate/subgraph-kit';
import { parseArgs } from 'node:util';
import { readGatewayConfig } from '../config';
import { signToken, type TokenClaims } from './jwt';

const USAGE =
  'pnpm token --role dfe|la|trust|school|mis_vendor|teacher [--la 806] [--urn N] [--trust UID] [--vendor ID] [--trn N] [--expires 8h]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      la: { type: 'string' },
      urn: { type: 'string' },
      trust: { type: 'string' },
      vendor: { type: 'string' },
      trn: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  const role = values.role?.toUpperCase() as Role | undefined;
  if (!role || !Object.values(Role).includes(role) || role === Role.Public) {
    throw new Error(`Usage: ${USAGE}`);
  }
  const claims: TokenClaims = { role };
  if (values.la) claims.laCode = values.la;
  if (values.urn) claims.urn = Number(values.urn);
  if (values.trust) claims.groupUid = values.trust;
  if (values.vendor) claims.vendorId = values.vendor;
  if (values.trn) claims.trn = values.trn;
  const config = readGatewayConfig();
  console.log(await signToken(claims, config.jwt, { expiresIn: values.expires ?? '8h' }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
