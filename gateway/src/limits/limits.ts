import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { Role } from '@estate/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context';
import { analyseOperation } from './operation-analysis';
import { RateLimiter } from './rate-limit';

/** Every limit the gateway enforces, in one place. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxQueryLength: number;
  maxPageSize: number;
  maxCost: number;
  rateLimitPointsPerMinute: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxRootFields: 10,
  maxDirectives: 10,
  maxTokens: 2_000,
  maxQueryLength: 15_000,
  maxPageSize: 100,
  // The trust profile (50 schools with attendance, inspections and teachers) estimates about 2,200.
  maxCost: 5_000,
  rateLimitPointsPerMinute: 2_000,
};

export const LIMIT_EXCEEDED = 'OPERATION_LIMIT_EXCEEDED';
export const RATE_LIMITED = 'RATE_LIMITED';

function limitError(limit: string, max: number, actual: number, message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: LIMIT_EXCEEDED, limit, max, actual, http: { status: 400 } },
  });
}

/** Public and vendor callers are third parties; only internal viewers see how we price a query. */
function isInternal(role: string): boolean {
  return role !== Role.Public && role !== Role.MisVendor;
}

function clientKey(context: GatewayContext): string {
  const { viewer } = context;
  if (viewer.role === Role.Public) return `public:${context.clientAddress}`;
  return `${viewer.role}:${viewer.vendorId ?? viewer.subject ?? viewer.urn ?? viewer.groupUid ?? viewer.laCode ?? ''}`;
}

/**
 * Refuses an operation that is too deep, too wide, too costly or too frequent after it has been
 * parsed and validated, and before the query plan reaches any subgraph.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<GatewayContext> {
  const rates = new RateLimiter(limits.rateLimitPointsPerMinute);
  return {
    async requestDidStart() {
      let estimatedCost = 0;
      let rateHeaders: [string, string][] = [];
      return {
        async didResolveOperation(context: GraphQLRequestContext<GatewayContext>) {
          const { document, operation, schema } = context;
          const source = context.source ?? '';
          if (!document || !operation) return;
          if (source.length > limits.maxQueryLength) {
            throw limitError(
              'queryLength',
              limits.maxQueryLength,
              source.length,
              `Operation text is longer than ${limits.maxQueryLength} characters`,
            );
          }
          const shape = analyseOperation(
            schema,
            document,
            operation,
            context.request.variables ?? {},
          );
          if (shape.depth > limits.maxDepth) {
            throw limitError(
              'depth',
              limits.maxDepth,
              shape.depth,
              `Operation is ${shape.depth} levels deep; the limit is ${limits.maxDepth}`,
            );
          }
          if (shape.aliases > limits.maxAliases) {
            throw limitError(
              'aliases',
              limits.maxAliases,
              shape.aliases,
              `Operation has ${shape.aliases} aliases; the limit is ${limits.maxAliases}`,
            );
          }
          if (shape.rootFields > limits.maxRootFields) {
            throw limitError(
              'rootFields',
              limits.maxRootFields,
              shape.rootFields,
              `Operation asks for ${shape.rootFields} root fields; the limit is ${limits.maxRootFields}`,
            );
          }
          if (shape.directives > limits.maxDirectives) {
            throw limitError(
              'directives',
              limits.maxDirectives,
              shape.directives,
              `Operation uses ${shape.directives} directives; the limit is ${limits.maxDirectives}`,
            );
          }
          for (const { path, first } of shape.pageSizes) {
            if (
              typeof first !== 'number' ||
              !Number.isInteger(first) ||
              first < 1 ||
              first > limits.maxPageSize
            ) {
              throw new GraphQLError(`${path}: first must be between 1 and ${limits.maxPageSize}`, {
                extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
              });
            }
          }
          if (shape.estimatedCost > limits.maxCost) {
            throw limitError(
              'cost',
              limits.maxCost,
              shape.estimatedCost,
              `Operation is estimated to cost ${shape.estimatedCost}; the limit is ${limits.maxCost}`,
            );
          }
          estimatedCost = shape.estimatedCost;

          const points = operation.operation === 'mutation' ? 5 : 1;
          const decision = rates.take(clientKey(context.contextValue), points);
          rateHeaders = [
            ['x-ratelimit-limit', String(decision.limit)],
            ['x-ratelimit-remaining', String(decision.remaining)],
          ];
          if (!decision.allowed) {
            rateHeaders.push(['retry-after', String(decision.retryAfterSeconds)]);
            throw new GraphQLError('Too many requests; retry after the time in Retry-After', {
              extensions: { code: RATE_LIMITED, http: { status: 429 } },
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          for (const [name, value] of rateHeaders) response.http.headers.set(name, value);
          if (
            estimatedCost > 0 &&
            response.body.kind === 'single' &&
            isInternal(contextValue.viewer.role)
          ) {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              cost: { estimated: estimatedCost, maximum: limits.maxCost },
            };
          }
        },
      };
    },
  };
}
