import type { MikroORM } from '@mikro-orm/postgresql';

interface TarnPool { max: number; numUsed(): number; numFree(): number; numPendingAcquires(): number }

/**
 * The connection pool right now (API.md §13 metrics): connections lent out, open and free, the
 * limit, and the requests waiting for one. knex's pool (tarn) is what MikroORM and the plain reads
 * (db/plain-sql.ts) both acquire from; zeros while it is closed.
 */
export function poolUsage(orm: MikroORM): { inUse: number; idle: number; waiting: number; max: number } {
  const pool = (orm.em.getConnection().getKnex().client as { pool?: TarnPool }).pool;
  if (!pool) return { inUse: 0, idle: 0, waiting: 0, max: 0 };
  return { inUse: pool.numUsed(), idle: pool.numFree(), waiting: pool.numPendingAcquires(), max: pool.max };
}
