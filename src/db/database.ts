import { MikroORM } from '@mikro-orm/postgresql';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { EmbeddedPostgres } from './embedded-postgres.ts';
import { withoutStatements } from './database-errors.ts';
import { withMigrationLock } from './migration-lock.ts';
import { ormOptions } from './orm-options.ts';

export interface Database {
  orm: MikroORM;
  /** Resolves when the database answers; rejects (quickly) when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL in DATA_DIR when it is unset,
 * and brings the schema up to date with the committed migrations.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  let poolMax = config.databasePoolMax ?? 10;
  if (!url) {
    // Loaded only when needed: PGlite costs ~40 MB of memory that a server on DATABASE_URL never uses.
    const { startEmbeddedPostgres } = await import('./embedded-postgres.ts');
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'pgdata'));
    url = embedded.url;
    poolMax = 1;
    logger.info({ dataDir: config.dataDir }, 'using the embedded PostgreSQL (PGlite); set DATABASE_URL for a real server');
  }
  const orm = await MikroORM.init(ormOptions({
    url,
    poolMax,
    ...(config.databaseSchema && { schema: config.databaseSchema }),
    ...(!embedded && config.databasePoolMax !== 1 && { statementTimeoutMs: 10_000 }),
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost'),
    onDriverWarning: (message) => logger.warn({ detail: withoutStatements(message) }, 'database driver warning'),
  }));
  try {
    const migrate = async () => {
      if (config.databaseSchema) await orm.em.getConnection().execute(`create schema if not exists "${config.databaseSchema}"`);
      return orm.migrator.up();
    };
    // The embedded database has one connection and one instance: nothing to take turns with.
    const done = embedded || poolMax === 1 ? await migrate() : await withMigrationLock(orm, migrate);
    if (done.length > 0) logger.info({ migrations: done.map((m) => m.name) }, 'migrations applied');
  } catch (error) {
    await orm.close(true);
    await embedded?.stop();
    throw error;
  }
  return {
    orm,
    async ping() {
      await orm.em.getConnection().execute('select 1');
    },
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
