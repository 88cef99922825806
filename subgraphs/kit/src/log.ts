import { currentRequestId } from './http';

/**
 * One structured log line, JSON on one line, carrying the id of the request being served so that a
 * masked error a client reports can be found.
 */
export function logEvent(level: 'info' | 'error', fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, requestId: currentRequestId(), ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
