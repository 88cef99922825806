import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_URL } from '../src/config';
import { waitForDatabase } from '../src/db';

const serverUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

/** A loopback port that nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('waiting for the database', () => {
  it('resolves at once when the server is up', async () => {
    await expect(waitForDatabase(serverUrl, 1_000)).resolves.toBeUndefined();
  });

  it('keeps trying a server that is not up yet, until its deadline', async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const started = Date.now();
    await expect(waitForDatabase(url, 600)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('gives up at once on a server that answers with a refusal of its own', async () => {
    const url = new URL(serverUrl);
    url.pathname = '/estate_no_such_database';
    const started = Date.now();
    await expect(waitForDatabase(url.toString(), 10_000)).rejects.toMatchObject({
      code: '3D000',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
