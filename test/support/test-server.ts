import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ketting } from 'ketting';
import pg from 'pg';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';

/**
 * Test servers: the real app on a free port against a clean schema of its own.
 * TEST_DATABASE_URL selects a real PostgreSQL; otherwise one in-memory PGlite is shared by the
 * whole test run (each test file still gets a fresh schema).
 */
let embedded: Promise<EmbeddedPostgres> | undefined;

/** The database the tests use: TEST_DATABASE_URL, or the shared in-memory PGlite. */
export async function testDatabase(): Promise<{ url: string; poolMax: number }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { url, poolMax: 4 };
  embedded ??= startEmbeddedPostgres();
  return { url: (await embedded).url, poolMax: 1 };
}

export interface TestServer extends RunningServer {
  config: Config;
  /** A fresh ketting client on the entry point (ketting caches forever: make one per actor). */
  client(): Ketting;
  root: string;
  /** Plain fetch against a path or absolute URL. */
  fetch(pathOrUrl: string, init?: RequestInit): Promise<Response>;
  /** Runs SQL (knex `?` placeholders) in the server's schema, for assertions on stored state only. */
  sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Reuse another server's schema (several instances of one deployment). */
  schema?: string;
  /** Connect through another URL to the same database (e.g. a proxy the test can cut). */
  connectVia?: (url: string) => string;
  /** Internal (non-environment) settings, such as lower rate limits. */
  config?: Partial<Config>;
  /** Where the server logs (default: the app's logger at TEST_LOG_LEVEL, silent). */
  logger?: Logger;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { url, poolMax } = await testDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-test-'));
  const schema = options.schema ?? `test_${randomBytes(6).toString('hex')}`;
  const config: Config = {
    ...loadConfig({
      NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JWT_SECRET: randomBytes(32).toString('hex'), ...options.env,
    }),
    databaseUrl: options.connectVia ? options.connectVia(url) : url,
    databaseSchema: schema,
    databasePoolMax: poolMax,
    // Instances on one schema are one deployment: they share their Redis keys, and nobody else does.
    redisKeyPrefix: `smilecook-test:${schema}:`,
    drainGraceMs: 100,
    ...options.config,
  };
  const running = await startServer(config, options.logger ?? createLogger(config.logLevel));
  const root = `${running.url}/`;
  const sql = async <T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]> => {
    const result = await running.services.orm.em.getConnection().execute(text, values as unknown[] ?? [], 'all');
    return result as T[];
  };
  return {
    ...running,
    config,
    root,
    client: () => new Ketting(root),
    fetch: (target, init) => fetch(target.startsWith('http') ? target : running.url + target, init),
    sql,
    async close() {
      await running.close();
      if (!options.schema) await dropSchema(url, schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
