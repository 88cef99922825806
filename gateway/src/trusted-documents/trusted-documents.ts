import type { ApolloServerPlugin } from '@apollo/server';
import { logEvent, Role } from '@estate/subgraph-kit';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context';

export type TrustedDocumentsMode = 'enforce' | 'off';

/** The manifest codegen writes: sha256 of the document text → the text. */
export type Manifest = Map<string, string>;

export function readManifest(path: string): Manifest {
  return new Map(Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>));
}

/**
 * Serves manifest documents to clients that send only the hash (Apollo's persisted-query protocol).
 * It never stores what a client sends, so persisted queries cannot be used to register new ones.
 */
export class ManifestCache implements KeyValueCache<string> {
  constructor(private readonly manifest: Manifest) {}

  async get(key: string): Promise<string | undefined> {
    return this.manifest.get(key.replace(/^apq:/, ''));
  }

  async set(): Promise<void> {}

  async delete(): Promise<boolean> {
    return false;
  }
}

/** Third parties run only what we have reviewed; our own apps may run anything, and we hear of it. */
function mustBeTrusted(role: string): boolean {
  return role === Role.Public || role === Role.MisVendor;
}

export function trustedDocumentsPlugin(
  manifest: Manifest,
  mode: TrustedDocumentsMode,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        // After parsing and validation, before execution: nothing reaches a subgraph.
        async didResolveOperation({ queryHash, contextValue, operationName }) {
          if (mode === 'off' || manifest.has(queryHash)) return;
          if (mode === 'enforce' && mustBeTrusted(contextValue.viewer.role)) {
            throw new GraphQLError('Only trusted documents may run for this caller', {
              extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
            });
          }
          logEvent('info', {
            message: 'unknown operation',
            role: contextValue.viewer.role,
            operationName,
            queryHash,
          });
        },
      };
    },
  };
}
