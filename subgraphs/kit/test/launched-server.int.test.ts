import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function launch() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'fixtures', 'launched-server.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = async () => {
    for (let waited = 0; waited < 20_000; waited += 50) {
      const url = /listening at (\S+)/.exec(output)?.[1];
      if (url) return url;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the fixture did not start:\n${output}`);
  };
  return { child, exited, listening, output: () => output };
}

describe('a server started by a launcher', () => {
  it('drains and exits when its launcher goes without stopping it', async () => {
    const server = launch();
    const url = await server.listening();
    expect(await (await fetch(url)).text()).toBe('ok');
    server.child.disconnect();
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('fixture lost its launcher, draining');
    await expect(fetch(url)).rejects.toThrow();
  });

  it('keeps serving while its launcher is there', async () => {
    const server = launch();
    const url = await server.listening();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.child.exitCode).toBeNull();
    expect(await (await fetch(url)).text()).toBe('ok');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('fixture received SIGTERM, draining');
  });
});
