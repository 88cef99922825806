import type { EntityManager } from '@estate/subgraph-kit';

/**
 * Raw SQL on the entity manager's connection, inside its transaction when it has one (MikroORM
 * runs `execute` outside the transaction unless given its context). Knex `?` placeholders; an
 * array parameter expands to a list, so sets of rows travel as one JSON parameter instead
 * (`json_to_recordset(?::json)`), which keeps every statement's text constant.
 */
export function runSql<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}

export function asJson(rows: readonly object[]): string {
  return JSON.stringify(rows);
}
