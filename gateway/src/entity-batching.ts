import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type SubgraphError = NonNullable<SubgraphResponse['errors']>[number];

/** Far below what one subgraph request can carry; a trust of 200 schools is the largest plan. */
export const MAX_REPRESENTATIONS_PER_BATCH = 500;

interface BatchMember<TOptions> {
  options: TOptions;
  /** For each of this fetch's own representations, its index in the batch's list. */
  positions: number[];
  resolve(response: SubgraphResponse): void;
  reject(error: unknown): void;
}

interface PendingBatch<TOptions> {
  members: BatchMember<TOptions>[];
  representations: unknown[];
  indexOf: Map<string, number>;
  sent: boolean;
}

/** The representations of an `_entities` fetch, or null for any other fetch. */
export function representationsOf(
  options: GraphQLDataSourceProcessOptions<object>,
): unknown[] | null {
  const representations = options.request.variables?.representations;
  if (!Array.isArray(representations)) return null;
  return options.request.query?.includes('_entities(') ? representations : null;
}

/**
 * Joins `_entities` fetches of the same document that the gateway sends in the same turn of the
 * event loop into one subgraph call, and hands each fetch back its own part of the answer. The
 * caller keys batches by viewer, so a batch only ever holds one viewer's fetches. A subgraph
 * resolves a call's entities in one batched statement per loader, so ten requests for ten schools
 * cost it about what one does, instead of ten HTTP requests, ten parses and ten statements.
 * No fetch waits for another: a batch goes out once the turn's pending callbacks have run.
 */
export class EntityFetchBatcher<TOptions extends GraphQLDataSourceProcessOptions<object>> {
  private readonly pending = new Map<string, PendingBatch<TOptions>>();

  constructor(
    private readonly send: (options: TOptions) => Promise<SubgraphResponse>,
    private readonly maxRepresentations = MAX_REPRESENTATIONS_PER_BATCH,
  ) {}

  fetch(key: string, options: TOptions, representations: unknown[]): Promise<SubgraphResponse> {
    let batch = this.pending.get(key);
    if (batch && batch.representations.length + representations.length > this.maxRepresentations) {
      this.sendBatch(key, batch);
      batch = undefined;
    }
    if (!batch) {
      const created: PendingBatch<TOptions> = {
        members: [],
        representations: [],
        indexOf: new Map(),
        sent: false,
      };
      this.pending.set(key, created);
      setImmediate(() => this.sendBatch(key, created));
      batch = created;
    }
    const positions = representations.map((representation) => {
      const identity = JSON.stringify(representation);
      let index = batch.indexOf.get(identity);
      if (index === undefined) {
        index = batch.representations.push(representation) - 1;
        batch.indexOf.set(identity, index);
      }
      return index;
    });
    return new Promise((resolve, reject) => {
      batch.members.push({ options, positions, resolve, reject });
    });
  }

  private sendBatch(key: string, batch: PendingBatch<TOptions>) {
    if (this.pending.get(key) === batch) this.pending.delete(key);
    if (batch.sent) return;
    batch.sent = true;
    const [first, ...others] = batch.members;
    if (!first) return;
    if (others.length === 0) {
      this.send(first.options).then(first.resolve, first.reject);
      return;
    }
    const joined = {
      ...first.options,
      request: {
        ...first.options.request,
        variables: { ...first.options.request.variables, representations: batch.representations },
      },
    };
    // The subgraph's cache hint reaches the first request's policy only; the others stay uncached.
    for (const member of others) restrictCaching(member.options);
    this.send(joined).then(
      (response) => {
        const uses = countUses(batch.members);
        for (const member of batch.members) member.resolve(partFor(response, member, uses));
      },
      (error: unknown) => batch.members.forEach((member) => member.reject(error)),
    );
  }
}

function restrictCaching(options: GraphQLDataSourceProcessOptions<object>) {
  if ('incomingRequestContext' in options) {
    options.incomingRequestContext.overallCachePolicy?.restrict({ maxAge: 0 });
  }
}

function countUses(members: { positions: number[] }[]): Map<number, number> {
  const uses = new Map<number, number>();
  for (const { positions } of members) {
    for (const index of positions) uses.set(index, (uses.get(index) ?? 0) + 1);
  }
  return uses;
}

/**
 * One fetch's part of a joined answer: its entities in its own order, and the errors about them
 * with `_entities` paths renumbered to its own indexes. Errors about no entity in particular go
 * to every fetch. An entity two fetches share is copied, since the gateway merges into what it gets.
 */
function partFor(
  response: SubgraphResponse,
  member: { positions: number[] },
  uses: Map<number, number>,
): SubgraphResponse {
  const { http, data, errors, ...rest } = response;
  const entities = (data as { _entities?: unknown[] } | null | undefined)?._entities;
  if (!Array.isArray(entities)) {
    return { ...structuredClone({ ...rest, data, errors }), http };
  }
  const own = member.positions.map((index) =>
    (uses.get(index) ?? 0) > 1 ? structuredClone(entities[index]) : entities[index],
  );
  const ownErrors: SubgraphError[] = [];
  for (const error of errors ?? []) {
    const [root, index, ...below] = error.path ?? [];
    if (root !== '_entities' || typeof index !== 'number') {
      ownErrors.push(structuredClone(error));
      continue;
    }
    member.positions.forEach((position, ownIndex) => {
      if (position === index) {
        ownErrors.push({ ...structuredClone(error), path: ['_entities', ownIndex, ...below] });
      }
    });
  }
  return {
    ...rest,
    data: { ...data, _entities: own },
    ...(ownErrors.length > 0 ? { errors: ownErrors } : {}),
    http,
  };
}
