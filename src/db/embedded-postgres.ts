import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PostgreSQL inside the process (PGlite), served over the wire protocol on a loopback port,
 * so the very same `pg` driver and SQL run against it as against a real server.
 * `dataDir` undefined: in memory (tests).
 */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PGlite's defaults plus a small buffer cache: 128 MB of shared_buffers held 360 MB of RSS for a
 * development database of a few MB; 16 MB holds ~200 MB (measured in bench/embedded-start.ts).
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

function open(dataDir: string | undefined): Promise<PGlite> {
  return PGlite.create({ ...(dataDir && { dataDir }), extensions: { pg_trgm, unaccent }, startParams: START_PARAMS });
}

/** Whether `dataDir` holds a database already (PostgreSQL writes PG_VERSION at initdb). */
export function isInitialized(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Creates the database files in `dataDir` and exits (the `--init-embedded-database` mode of the server process). */
export async function initializeDataDir(dataDir: string): Promise<void> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  await (await open(dataDir)).close();
}

/**
 * initdb peaks at ~900 MB of RSS that a process never gives back (WebAssembly memory cannot shrink):
 * it runs in a child process of the same entry point (`command`: the executable and arguments that
 * start it with `--init-embedded-database <dir>`), and the server then only opens the files.
 */
export function initializeInChild(command: string[], dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, [...command.slice(1), '--init-embedded-database', dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`initializing the embedded database failed (exit ${code})`))));
  });
}

export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  const db = await open(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  return {
    url: `postgresql://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
