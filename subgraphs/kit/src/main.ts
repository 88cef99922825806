import { UnfinishedSeedError } from './seeding';

/**
 * Runs a server until SIGTERM or SIGINT, then drains it: in-flight requests finish, new connections
 * are refused, and the process exits once everything is closed.
 */
export async function runUntilSignalled(
  name: string,
  start: () => Promise<{ url: string; close(): Promise<void> }>,
): Promise<void> {
  let running: Awaited<ReturnType<typeof start>>;
  try {
    running = await start();
  } catch (error) {
    // A refusal the operator must act on reads best as its message alone.
    console.error(error instanceof UnfinishedSeedError ? error.message : error);
    process.exit(1);
  }
  console.log(`${name} listening at ${running.url}`);
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${name} ${why}, draining`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${name} did not close cleanly`, error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('received SIGTERM'));
  process.once('SIGINT', () => stop('received SIGINT'));
  // Started by `pnpm start` over an IPC channel: should the launcher die without stopping us (kill
  // -9, a crash), we stop too rather than run on, orphaned, holding our port.
  if (process.send) {
    if (!process.connected) stop('lost its launcher');
    process.once('disconnect', () => stop('lost its launcher'));
  }
}
