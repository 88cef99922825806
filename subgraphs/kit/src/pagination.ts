import 'reflect-metadata';
import { ArgsType, Field, Int, ObjectType, Directive, type ClassType } from 'type-graphql';
import { badUserInput } from './errors';

export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page of a connection sits in the whole list' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { description: 'Page size, 1 to 100' })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  after?: string | null;
}

/** A validated page request: the cursor is opaque to clients and holds the last key seen. */
export interface Page {
  first: number;
  afterKey: string | null;
}

export function parsePage(args: { first: number; after?: string | null }): Page {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${args.first}`);
  }
  return { first: args.first, afterKey: args.after ? decodeCursor(args.after) : null };
}

export function encodeCursor(key: string | number): string {
  return Buffer.from(`k:${key}`).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('k:')) throw badUserInput('after is not a cursor this API issued');
  return decoded.slice(2);
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T, E extends Edge<T> = Edge<T>> {
  edges: E[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Builds a connection from one page fetched with `first + 1` rows: the extra row only tells whether
 * a next page exists.
 */
export function toConnection<Row, E extends Edge<unknown>>(
  rows: Row[],
  page: Page,
  totalCount: number,
  keyOf: (row: Row) => string | number,
  toEdge: (row: Row, cursor: string) => E,
): { edges: E[]; pageInfo: PageInfo; totalCount: number } {
  const visible = rows.slice(0, page.first);
  const edges = visible.map((row) => toEdge(row, encodeCursor(keyOf(row))));
  const last = edges[edges.length - 1];
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: last ? last.cursor : null },
    totalCount,
  };
}

/** The GraphQL shape of a connection of `nodeType`, named `<name>Connection` and `<name>Edge`. */
export function connectionOf<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds' })
    totalCount!: number;
  }

  return { Edge: EdgeType, Connection: ConnectionType };
}
