import { describe, expect, it } from 'vitest';
import { listen } from '../src/http';

describe('graceful shutdown', () => {
  it('lets a request in flight finish, then refuses new connections', async () => {
    const server = await listen(
      async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        res.end('finished');
      },
      '127.0.0.1',
      0,
    );
    const url = `http://127.0.0.1:${server.port}/`;
    const inFlight = fetch(url).then((response) => response.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    const closed = server.close();

    expect(await inFlight).toBe('finished');
    await closed;
    expect(Date.now() - started).toBeLessThan(2_000);
    await expect(fetch(url)).rejects.toThrow();
  });
});
