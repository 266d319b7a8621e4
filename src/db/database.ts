import { MikroORM, type EntitySchema } from '@mikro-orm/postgresql';
import path from 'node:path';
import type { Logger } from 'pino';
import type { EmbeddedPostgres } from './embedded-postgres.ts';
import { withoutStatements } from './database-errors.ts';
import { withMigrationLock } from './migration-lock.ts';
import { forEmbedded, MIGRATION_TIMEOUTS, SERVING_TIMEOUTS } from './connection-bounds.ts';
import { connectionSettings, ormOptions, type OrmConnection } from './orm-options.ts';

/** What opening the database needs of the configuration (API.md §11: DATABASE_URL, DATA_DIR). */
export interface DatabaseSettings {
  databaseUrl?: string | undefined;
  databasePoolMax?: number | undefined;
  databaseSchema?: string | undefined;
  dataDir: string;
  /** How to run PGlite's initdb in a child process (a command line), if at all. */
  embeddedInitCommand?: string[] | undefined;
}

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
export async function openDatabase(config: DatabaseSettings, entities: readonly EntitySchema[], logger: Logger): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  let poolMax = config.databasePoolMax ?? 10;
  if (!url) {
    // Loaded only when needed: PGlite costs ~40 MB of memory that a server on DATABASE_URL never uses.
    const { initializeInChild, isInitialized, startEmbeddedPostgres } = await import('./embedded-postgres.ts');
    const dataDir = path.join(config.dataDir, 'pgdata');
    const started = Date.now();
    if (!isInitialized(dataDir) && config.embeddedInitCommand) {
      logger.info({ dataDir }, `creating the embedded PostgreSQL (PGlite) in ${dataDir}: the first start takes a few seconds…`);
      await initializeInChild(config.embeddedInitCommand, dataDir);
    }
    logger.info({ dataDir }, `opening the embedded PostgreSQL (PGlite) in ${dataDir}; set DATABASE_URL for a real server`);
    embedded = await startEmbeddedPostgres(dataDir);
    url = embedded.url;
    poolMax = 1;
    logger.info({ ms: Date.now() - started }, 'embedded PostgreSQL ready');
  }
  const connection: OrmConnection = {
    url,
    poolMax,
    ...(config.databaseSchema && { schema: config.databaseSchema }),
    timeouts: MIGRATION_TIMEOUTS,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost'),
    onDriverWarning: (message) => logger.warn({ detail: withoutStatements(message) }, 'database driver warning'),
  };
  const orm = await MikroORM.init(ormOptions(connection, entities));
  try {
    const migrate = async () => {
      if (config.databaseSchema) await orm.em.getConnection().execute(`create schema if not exists "${config.databaseSchema}"`);
      return orm.migrator.up();
    };
    // The embedded database has one connection and one instance: nothing to take turns with.
    const done = embedded || poolMax === 1 ? await migrate() : await withMigrationLock(orm, migrate);
    if (done.length > 0) logger.info({ migrations: done.map((m) => m.name) }, 'migrations applied');
    // Migrated: from now on the bounds of API.md §10 (a shared session — the embedded one — gets no session settings).
    const shared = embedded !== undefined || poolMax === 1;
    await orm.reconnect(connectionSettings({ ...connection, timeouts: shared ? forEmbedded(SERVING_TIMEOUTS) : SERVING_TIMEOUTS }));
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
