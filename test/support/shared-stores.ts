import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import S3rver from 's3rver';

/**
 * What several server processes share (API.md §12): a database, a Redis and a bucket, each made
 * for one test file and removed afterwards. (test-server's schema is a non-environment setting,
 * and the app has no environment variable for its Redis key prefix: processes get a database and
 * a Redis logical database of their own.)
 */
export interface SharedStore { url: string; drop(): Promise<void> }

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database on the server of `serverUrl` (TEST_DATABASE_URL). */
export async function freshDatabase(serverUrl: string): Promise<SharedStore> {
  const name = `smilecook_many_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => onServer(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}

/**
 * An empty Redis logical database (15 down to 1), claimed with a marker key so that two test runs
 * never pick the same one; drop() flushes it.
 */
export async function freshRedisDatabase(base = 'redis://127.0.0.1:6379'): Promise<SharedStore> {
  for (let db = 15; db >= 1; db -= 1) {
    const redis = new Redis(`${base}/${db}`, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const claimed = (await redis.dbsize()) === 0 && (await redis.set('smilecook-test:claimed', String(process.pid), 'NX')) === 'OK';
    if (claimed) {
      return {
        url: `${base}/${db}`,
        async drop() {
          await redis.flushdb();
          await redis.quit();
        },
      };
    }
    await redis.quit();
  }
  throw new Error(`no empty Redis database on ${base}`);
}

/** A real S3-compatible server (s3rver) on a free port with one bucket, and the S3_* variables for it. */
export async function freshBucket(bucket = 'smilecook-test'): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'smilecook-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    env: {
      S3_BUCKET: bucket, S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true',
    },
    async drop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
