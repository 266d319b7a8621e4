import { TransactionContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

interface PoolClient {
  query(text: string): Promise<{ rows: unknown[] }>;
}

/**
 * A read of plain rows (no entities) on a connection of the pool: the very statement MikroORM's
 * `execute(sql, params)` sends (its formatQuery inlines the values; the simple query protocol, one
 * round trip), without the query builder, runner and executioner knex wraps around it — on the hot
 * reads (listings, one recipe, revalidations) those cost more than the query. Inside a transaction
 * the read joins it, through MikroORM as everywhere else. Errors are pg's own (db/database-errors.ts).
 */
export async function plainRows<T>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  // Looked up in MikroORM's transaction context directly: em.getTransactionContext() would resolve the
  // request's EntityManager and so fork it (db/request-context.ts), which a plain read never needs.
  const inTransaction = TransactionContext.getEntityManager(em.name);
  if (inTransaction) return em.getConnection().execute<T[]>(sql, [...params], 'all', inTransaction.getTransactionContext());
  const { client } = em.getConnection().getKnex();
  const text = em.getPlatform().formatQuery(sql, [...params]);
  const connection = (await client.acquireConnection()) as PoolClient;
  try {
    return (await connection.query(text)).rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}
