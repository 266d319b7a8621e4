import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type EntitySchema } from '@mikro-orm/postgresql';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientSettings, cutWhenSilent, MIGRATION_TIMEOUTS, type DatabaseTimeouts, type PgClientLike } from './connection-bounds.ts';
import { migrationList } from './migration-list.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface OrmConnection {
  url: string;
  /** 1 for the embedded database (one session, multiplexed). */
  poolMax: number;
  /** A schema of its own (tests); also put first on the search_path. */
  schema?: string;
  /** How long to wait for what (connection-bounds.ts); the migration's bounds when not given. */
  timeouts?: DatabaseTimeouts;
  onConnectionError?: (error: Error) => void;
  /** knex's own warnings (printed to the console by default, failing statements and their values included). */
  onDriverWarning?: (message: string) => void;
}

type RawConnection = PgClientLike & { on(event: string, fn: (e: Error) => void): void; query(sql: string, cb: (e?: Error) => void): void };

/**
 * The pool and the driver's settings of a connection: also what `orm.reconnect()` is given when the
 * server, once migrated, changes to its serving bounds (database.ts).
 */
export function connectionSettings(connection: OrmConnection) {
  const { schema } = connection;
  const timeouts = connection.timeouts ?? MIGRATION_TIMEOUTS;
  const warning = (message: unknown) => connection.onDriverWarning?.(String(message));
  return {
    pool: {
      min: 0,
      max: connection.poolMax,
      acquireTimeoutMillis: timeouts.acquireMs,
      createTimeoutMillis: timeouts.connectMs,
      idleTimeoutMillis: 30000,
      afterCreate(conn: RawConnection, done: (e?: Error) => void) {
        // A backend killed under us must never crash the process: the pool replaces it.
        conn.on('error', (error) => connection.onConnectionError?.(error));
        cutWhenSilent(conn);
        if (schema) conn.query(`set search_path to "${schema}", public`, done);
        else done();
      },
    },
    driverOptions: {
      connection: clientSettings(timeouts),
      log: { warn: warning, error: warning, deprecate: warning, debug: () => undefined },
    },
  };
}

/** The MikroORM options for a connection: the same for the server, the CLI and the tests. */
export function ormOptions(connection: OrmConnection, entities: readonly EntitySchema[]) {
  const { schema } = connection;
  return defineConfig({
    clientUrl: connection.url,
    ...(schema && { schema }),
    entities: [...entities],
    extensions: [Migrator],
    migrations: {
      migrationsList: migrationList,
      // Where `npm run migration:create` writes a new migration (then listed in migration-list.ts).
      path: path.join(here, 'migrations'),
      pathTs: path.join(here, 'migrations'),
      glob: '!(*.d).{js,ts}',
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    ...connectionSettings(connection),
    discovery: { warnWhenNoEntities: false },
    debug: false,
    allowGlobalContext: false,
  });
}
