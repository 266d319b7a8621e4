/**
 * API instances for the topology benchmark, started from the built bundle the way `npm start` runs it
 * (bench/start-command.ts: its environment and node flags), built ONCE: two `npm start`s in one checkout
 * race on dist/ (each build removes it first). The instances are interchangeable (API.md §12): one
 * database, Redis for rate limits and token revocation, one JWT secret, and one DATA_DIR (uploads) for all.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startServer, type ServerProcess } from './processes.ts';
import { prepare, startCommand } from './start-command.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Fleet {
  instances: ServerProcess[];
  /** Starts one more instance (the first ones stay as they are), with settings of its own if given. */
  add(env?: Record<string, string>): Promise<ServerProcess>;
  stop(): Promise<void>;
}

export function fleet(databaseUrl: string, extraEnv: Record<string, string> = {}): Fleet {
  const production = startCommand(path.join(ROOT, 'package.json'));
  prepare(production, ROOT); // npm run build, once
  const env = {
    ...production.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(48).toString('base64url'), RATE_LIMIT_EXEMPT: '127.0.0.1',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'smilecook-fleet-')), REDIS_URL: 'redis://127.0.0.1:6379', ...extraEnv,
  };
  const instances: ServerProcess[] = [];
  return {
    instances,
    async add(own = {}) {
      const instance = await startServer(`API ${instances.length + 1}`, production.script, await freePort(), { ...env, ...own }, production.nodeArgs);
      instances.push(instance);
      return instance;
    },
    async stop() {
      await Promise.all(instances.map((instance) => instance.stop()));
    },
  };
}
