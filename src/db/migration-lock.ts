import type { MikroORM } from '@mikro-orm/postgresql';

/** One advisory lock per database for schema changes (any constant; it only has to be the same everywhere). */
const MIGRATION_LOCK = 770_421_337;

/**
 * Runs the migrations of a starting instance while it holds a session-level advisory lock, so that
 * instances starting at the same moment on a new database take turns: the first migrates, the
 * others then find nothing left to do (without it, one died on `create extension` racing another).
 * The lock lives on a connection of its own for the whole run and is released even on failure.
 */
export async function withMigrationLock<T>(orm: MikroORM, work: () => Promise<T>): Promise<T> {
  const knex = orm.em.getKnex();
  const connection: unknown = await knex.client.acquireConnection();
  try {
    await knex.raw('select pg_advisory_lock(?)', [MIGRATION_LOCK]).connection(connection);
    try {
      return await work();
    } finally {
      await knex.raw('select pg_advisory_unlock(?)', [MIGRATION_LOCK]).connection(connection);
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
