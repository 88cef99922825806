import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';

/** The stable `extensions.code` values clients may rely on. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  Forbidden: 'FORBIDDEN',
  Unauthenticated: 'UNAUTHENTICATED',
  NotFound: 'NOT_FOUND',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem in a batch, pointing at the offending item so that a client can fix all of them at once. */
export interface InputProblem {
  path: string;
  message: string;
}

/**
 * An error for the client, whose message and code say all there is to say: it carries no stack.
 * A viewer outside a trust gets one FORBIDDEN per member school, and capturing each stack, then
 * formatting it through the source maps when graphql-js wraps the error, was the largest part of
 * such a request's cost.
 */
function clientError(message: string, extensions: GraphQLErrorExtensions): GraphQLError {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, { extensions });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

export function badUserInput(message: string, problems?: InputProblem[]): GraphQLError {
  return clientError(message, { code: ErrorCode.BadUserInput, ...(problems ? { problems } : {}) });
}

export function forbidden(message = 'Not allowed for this viewer'): GraphQLError {
  return clientError(message, { code: ErrorCode.Forbidden });
}

export function notFound(message: string): GraphQLError {
  return clientError(message, { code: ErrorCode.NotFound });
}

export function unauthenticated(message: string): GraphQLError {
  return clientError(message, { code: ErrorCode.Unauthenticated, http: { status: 401 } });
}
