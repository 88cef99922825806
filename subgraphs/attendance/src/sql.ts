import type { EntityManager } from '@estate/subgraph-kit';

/**
 * Raw SQL on the entity manager's connection, inside its transaction when it has one. Knex `?`
 * placeholders become PostgreSQL bind parameters: MikroORM's own `execute` would inline every
 * value as an escaped literal, which costs more than the statement itself when a parameter is a
 * batch of rows. An array parameter is a PostgreSQL array (`= any(?)`), and sets of rows travel
 * as one JSON parameter (`json_to_recordset(?::json)`), so every statement's text is constant.
 */
export async function runSql<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const knex = em.getConnection().getKnex();
  const query = knex.raw(
    sql,
    params as Extract<Parameters<typeof knex.raw>[1], readonly unknown[]>,
  );
  const transaction = em.getTransactionContext();
  if (transaction) query.transacting(transaction);
  em.config.getLogger().logQuery({ query: sql, level: 'info' });
  const result = (await query) as { rows: T[] };
  return result.rows;
}

export function asJson(rows: readonly object[]): string {
  return JSON.stringify(rows);
}
