import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SUBGRAPHS, subgraphUrl } from '../../../schema/subgraphs';
import { databaseUrlOf, type LaunchConfig, readLaunchConfig, REPO_ROOT } from './config';

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 10_000;

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

function startProcess(name: string, entry: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    // The IPC channel tells the child if we die without stopping it (see runUntilSignalled).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Its own process group, so that Ctrl-C reaches it only through us and shutdown stays ordered.
    detached: true,
  });
  const prefix = `[${name}] `;
  const relay = (stream: NodeJS.WriteStream) => (chunk: Buffer) =>
    stream.write(
      chunk
        .toString()
        .replace(/\n(?=.)/g, `\n${prefix}`)
        .replace(/^/, prefix),
    );
  child.stdout?.on('data', relay(process.stdout));
  child.stderr?.on('data', relay(process.stderr));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { name, process: child, exited };
}

async function waitUntilHealthy(child: Child, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} exited before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${child.name} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await child.exited;
  clearTimeout(timer);
}

/** Resolves once the database keeper says `word` ('starting', then 'ready'); rejects if it exits. */
function databaseSays(keeper: Child, word: 'starting' | 'ready'): Promise<void> {
  return new Promise((resolve, reject) => {
    const listener = (message: unknown) => {
      if (message !== word) return;
      keeper.process.off('message', listener);
      resolve();
    };
    keeper.process.on('message', listener);
    void keeper.exited.then(() => reject(new Error(`the database stopped before it was ${word}`)));
  });
}

async function main(config: LaunchConfig): Promise<void> {
  const children: Child[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    // The gateway first, so that nothing new reaches the subgraphs while they drain, and the
    // database, started first, last.
    for (const child of [...children].reverse()) await stopChild(child);
    process.exit(exitCode);
  };
  // Not once: Ctrl-C reaches us both from the terminal and forwarded by pnpm, and a second signal
  // left to its default would kill us half way through stopping, orphaning the subgraphs.
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const keeper = config.databaseUrl
      ? null
      : startProcess('database', 'gateway/src/launch/database-keeper.ts', {});
    let databaseReady = Promise.resolve();
    if (keeper) {
      children.push(keeper);
      // Its creation is the first thing every subgraph waits for: it loads before they compete.
      await databaseSays(keeper, 'starting');
      databaseReady = databaseSays(keeper, 'ready');
    }
    // The subgraphs load their code while the database starts, and wait for it before migrating.
    const subgraphEnv = { DATABASE_URL: databaseUrlOf(config), SEED: config.seed };
    const started = SUBGRAPHS.map((subgraph) => {
      const child = startProcess(subgraph.name, subgraph.main, {
        ...subgraphEnv,
        [`${subgraph.name.toUpperCase()}_PORT`]: String(subgraph.port),
      });
      children.push(child);
      return waitUntilHealthy(child, `http://127.0.0.1:${subgraph.port}/healthz`);
    });
    // On the static supergraph the gateway needs no subgraph to start, so it starts while they
    // migrate and seed; the graph is announced once all of them answer.
    const gateway = startProcess('gateway', 'gateway/src/main.ts', {
      PORT: String(config.gatewayPort),
      ...Object.fromEntries(
        SUBGRAPHS.map((s) => [`${s.name.toUpperCase()}_URL`, subgraphUrl(s.port)]),
      ),
    });
    children.push(gateway);
    await Promise.all([
      databaseReady,
      ...started,
      waitUntilHealthy(gateway, `http://127.0.0.1:${config.gatewayPort}/healthz`),
    ]);
    console.log(`\nEstate Graph is ready at http://127.0.0.1:${config.gatewayPort}/graphql`);
    console.log('Get a token with: pnpm token --role dfe   (Ctrl-C stops everything)\n');
    for (const child of children) {
      void child.exited.then((code) => {
        if (stopping) return;
        console.error(`${child.name} stopped unexpectedly (exit ${code}); stopping everything`);
        void stopAll(1);
      });
    }
  } catch (error) {
    // Stopped while starting, a child's exit is ours, not a failure to report.
    if (stopping) return;
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
  }
}

void main(readLaunchConfig());
