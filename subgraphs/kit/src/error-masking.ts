import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { currentRequestId } from './http';
import { logEvent, messageOf } from './log';

/**
 * Errors without a code of ours are bugs or infrastructure faults, and their text may hold SQL or
 * personal data. Clients get a generic message; the log gets the detail.
 */
export function maskInternalErrors(service: string) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    const cause = unwrapResolverError(error);
    logEvent('error', { service, message: messageOf(cause), path: formatted.path });
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: currentRequestId() },
    };
  };
}
