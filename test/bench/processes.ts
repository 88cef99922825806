import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');

const STOP_TIMEOUT_MS = 10_000;
/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux we run on. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface BenchProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** The last lines it printed, for the error when it dies. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/** Starts `node --import tsx <entry>` from the repo root, as `pnpm start` starts each process. */
export function startNodeProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  nodeArguments: string[] = [],
): BenchProcess {
  const child = spawn(
    process.execPath,
    [...nodeArguments, '--import', 'tsx', join(REPO_ROOT, entry)],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 40) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    name,
    pid: child.pid ?? -1,
    child,
    exited,
    recentOutput: () => output.join('').slice(-4_000),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx, failing early if the process exits. */
export async function waitUntilHealthy(
  process: BenchProcess,
  url: string,
  timeoutMs = 120_000,
): Promise<number> {
  const started = Date.now();
  let exited = false;
  void process.exited.then(() => (exited = true));
  while (Date.now() - started < timeoutMs) {
    if (exited) {
      throw new Error(`${process.name} exited before it was ready:\n${process.recentOutput()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${process.name} was not ready within ${timeoutMs} ms:\n${process.recentOutput()}`,
  );
}

/** User plus system CPU time the process has used so far, in milliseconds (Linux /proc). */
export function cpuMillisecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; fields after it are space separated from ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, so 12 and 13 after the name.
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Waits until the processes together use under a tenth of a core, so that requests still queued
 * from one run (autocannon stops sending, not the work it started) do not slow the next one.
 */
export async function waitUntilQuiet(pids: number[], timeoutMs = 30_000): Promise<void> {
  const sampleMs = 250;
  const total = () => pids.reduce((sum, pid) => sum + cpuMillisecondsOf(pid), 0);
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const before = total();
    await new Promise((resolve) => setTimeout(resolve, sampleMs));
    if (total() - before < sampleMs / 10) return;
  }
}
