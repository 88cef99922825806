import { Role, unauthenticated, type Viewer } from '@estate/subgraph-kit';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** An MIS vendor's key as stored: only a hash of its secret, never the secret. */
export interface ApiKeyRecord {
  id: string;
  vendorId: string;
  /** The schools that authorised this vendor to write their registers. */
  urns: number[];
  secretSha256: string;
  createdAt: string;
  revokedAt: string | null;
}

const KEY_PATTERN = /^egk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * API keys for MIS vendors in a JSON file. Keys are random 256-bit secrets, so a plain SHA-256 is
 * enough at rest: nothing guessable is being protected. The file is re-read when it changes, so a
 * revocation takes effect without a restart.
 */
export class ApiKeyStore {
  private records: ApiKeyRecord[] = [];
  private loadedMtimeMs = -1;

  constructor(private readonly path: string) {}

  create(
    vendorId: string,
    urns: number[],
    now = new Date(),
  ): { record: ApiKeyRecord; key: string } {
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(vendorId)) {
      throw new Error('Vendor id must be lower-case letters, digits and dashes');
    }
    if (urns.some((urn) => !Number.isInteger(urn) || urn < 100000 || urn > 999999)) {
      throw new Error('Every URN must have 6 digits');
    }
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const record: ApiKeyRecord = {
      id,
      vendorId,
      urns: [...new Set(urns)].sort((a, b) => a - b),
      secretSha256: sha256(secret),
      createdAt: now.toISOString(),
      revokedAt: null,
    };
    this.save([...this.load(), record]);
    return { record, key: `egk_${id}_${secret}` };
  }

  revoke(id: string, now = new Date()): ApiKeyRecord {
    const records = this.load();
    const record = records.find((r) => r.id === id);
    if (!record) throw new Error(`No API key has id ${id}`);
    record.revokedAt ??= now.toISOString();
    this.save(records);
    return record;
  }

  list(): ApiKeyRecord[] {
    return this.load();
  }

  /** The vendor viewer a key stands for; a malformed, unknown or revoked key is refused. */
  authenticate(key: string): Viewer {
    const match = KEY_PATTERN.exec(key);
    const record = match ? this.load().find((r) => r.id === match[1]) : undefined;
    const given = Buffer.from(sha256(match?.[2] ?? ''));
    const expected = Buffer.from(record?.secretSha256 ?? sha256('no such key'));
    if (!record || !timingSafeEqual(given, expected) || record.revokedAt !== null) {
      throw unauthenticated('API key is not valid');
    }
    return {
      role: Role.MisVendor,
      vendorId: record.vendorId,
      subject: `api-key:${record.id}`,
      schools: record.urns.map((urn) => ({ urn, from: null, until: null })),
    };
  }

  private load(): ApiKeyRecord[] {
    if (!existsSync(this.path)) return [];
    const mtimeMs = statSync(this.path).mtimeMs;
    if (mtimeMs !== this.loadedMtimeMs) {
      this.records = JSON.parse(readFileSync(this.path, 'utf8')) as ApiKeyRecord[];
      this.loadedMtimeMs = mtimeMs;
    }
    return this.records.map((record) => ({ ...record }));
  }

  private save(records: ApiKeyRecord[]): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, this.path);
    this.loadedMtimeMs = -1;
  }
}
