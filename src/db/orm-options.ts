import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type EntitySchema } from '@mikro-orm/postgresql';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationList } from './migration-list.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface OrmConnection {
  url: string;
  /** 1 for the embedded database (one session, multiplexed). */
  poolMax: number;
  /** A schema of its own (tests); also put first on the search_path. */
  schema?: string;
  /** Server-side statement timeout; not for the embedded database. */
  statementTimeoutMs?: number;
  onConnectionError?: (error: Error) => void;
  /** knex's own warnings (printed to the console by default, failing statements and their values included). */
  onDriverWarning?: (message: string) => void;
}

/** The MikroORM options for a connection: the same for the server, the CLI and the tests. */
export function ormOptions(connection: OrmConnection, entities: readonly EntitySchema[]) {
  const { schema } = connection;
  const warning = (message: unknown) => connection.onDriverWarning?.(String(message));
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
    pool: {
      min: 0,
      max: connection.poolMax,
      acquireTimeoutMillis: 5000,
      createTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      afterCreate(conn: { on(event: string, fn: (e: Error) => void): void; query(sql: string, cb: (e?: Error) => void): void }, done: (e?: Error) => void) {
        // A backend killed under us must never crash the process: the pool replaces it.
        conn.on('error', (error) => connection.onConnectionError?.(error));
        if (schema) conn.query(`set search_path to "${schema}", public`, done);
        else done();
      },
    },
    driverOptions: {
      ...(connection.statementTimeoutMs && { connection: { statement_timeout: connection.statementTimeoutMs } }),
      log: { warn: warning, error: warning, deprecate: warning, debug: () => undefined },
    },
    discovery: { warnWhenNoEntities: false },
    debug: false,
    allowGlobalContext: false,
  });
}
