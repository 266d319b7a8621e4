/**
 * Seeds a dedicated benchmark database with N users and N recipes, fast and exact:
 *   node --import tsx bench/seed.ts 10k|100k|1m [--database-url URL] [--workers 2] [--force]
 * Default database: smilecook_bench_<size> on 127.0.0.1:5432 — dropped and created afresh, then migrated.
 */
import argon2 from 'argon2';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { entities } from '../src/entities.ts';
import { createLogger } from '../src/logger.ts';
import {
  ARGON2_OPTIONS, BENCH_USER, WORD_100, WORD_1PCT, benchDatabaseUrl, databaseName, parseArgs, parseSize, sizeLabel,
} from './bench-db.ts';
import {
  checkCountersSql, countWordSql, insertRecipesSql, insertUsersSql, recomputeCountersSql, secondaryIndexesSql, vocabularySql,
} from './seed-sql.ts';

const { flags, positionals } = parseArgs(process.argv.slice(2));
const n = parseSize(positionals[0] ?? flags.get('n') ?? '10k');
const url = flags.get('database-url') ?? process.env.DATABASE_URL ?? benchDatabaseUrl(n);
const workers = Number(flags.get('workers') ?? Math.max(2, os.availableParallelism()));
const name = databaseName(url);
if (!name.startsWith('smilecook_bench') && !flags.has('force')) {
  console.error(`Refusing to wipe "${name}": the seed drops its database. Use a smilecook_bench_* database or --force.`);
  process.exit(2);
}

const started = performance.now();
async function phase<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  console.log(`  ${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s`);
  return result;
}

/** Runs tasks on `width` concurrent lanes. */
async function parallel<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  }));
}

function chunks(from: number, to: number, size: number): Array<[number, number]> {
  const list: Array<[number, number]> = [];
  for (let lo = from; lo <= to; lo += size) list.push([lo, Math.min(to, lo + size - 1)]);
  return list;
}

console.log(`Seeding ${name} with ${n} users and ${n} recipes (${workers} workers)`);

await phase('create the database afresh', async () => {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  await client.query(`drop database if exists "${name}" with (force)`);
  await client.query(`create database "${name}"`);
  await client.end();
});

await phase('migrate (src/db/database.ts)', async () => {
  const config = loadConfig({
    DATABASE_URL: url, LOG_LEVEL: 'warn', JWT_SECRET: 'bench-seed-only-'.repeat(4),
    DATA_DIR: path.join(os.tmpdir(), 'smilecook-bench-seed'),
  });
  const database = await openDatabase(config, entities, createLogger('warn'));
  await database.close();
});

const pool = new pg.Pool({
  connectionString: url, max: workers,
  options: '-c synchronous_commit=off -c maintenance_work_mem=1GB -c work_mem=256MB',
});
const sql = async (text: string, values?: unknown[]) => (await pool.query(text, values)).rows;

const indexes = await phase('drop secondary indexes, disable triggers', async () => {
  const found = await sql(secondaryIndexesSql) as Array<{ name: string; definition: string }>;
  await sql('alter table recipes disable trigger user');
  for (const index of found) await sql(`drop index "${index.name}"`);
  // Largest first: the GIN index takes longest, so it should not end up last on one lane.
  return found.sort((a, b) => Number(b.definition.includes('gin')) - Number(a.definition.includes('gin')));
});

const hash = await phase('hash the password once (argon2id)', () =>
  argon2.hash(BENCH_USER.password, { type: argon2.argon2id, ...ARGON2_OPTIONS }));

await phase(`insert ${n} users`, async () => {
  await sql(`insert into users (id, username, email, password_hash, is_active, created_at, updated_at)
             values (1, $1::text, $1::text || '@example.com', $2, true, now() - interval '2191 days', now() - interval '2191 days')`,
  [BENCH_USER.username, hash]);
  await parallel(chunks(2, n, 100_000), workers, async ([lo, hi]) => {
    await sql(insertUsersSql, [lo, hi, hash]);
  });
  await sql('select setval(pg_get_serial_sequence(\'users\', \'id\'), (select max(id) from users))');
});

await phase(`insert ${n} recipes`, async () => {
  const recipesSql = insertRecipesSql(n);
  await parallel(chunks(1, n, 50_000), workers, async ([lo, hi]) => {
    const client = await pool.connect();
    try {
      await client.query('select setseed($1)', [lo / (n + 1)]);
      await client.query(recipesSql, [lo, hi, n]);
    } finally {
      client.release();
    }
  });
  await sql('select setval(pg_get_serial_sequence(\'recipes\', \'id\'), (select max(id) from recipes))');
});

await phase('recompute counters and the vocabulary, enable triggers', async () => {
  for (const statement of recomputeCountersSql) await sql(statement);
  await sql(vocabularySql);
  await sql('alter table recipes enable trigger user');
});

await phase(`recreate ${indexes.length} indexes`, () =>
  parallel(indexes, workers, async (index) => {
    await sql(index.definition);
  }));

await phase('vacuum analyze', async () => {
  await sql('vacuum (analyze) users');
  await sql('vacuum (analyze) recipes');
  await sql('vacuum (analyze) recipe_stats_slots');
  await sql('vacuum (analyze) recipe_lexemes');
});

const [counters] = await sql(checkCountersSql);
const [found100] = await sql(countWordSql, [WORD_100]);
const [found1pct] = await sql(countWordSql, [WORD_1PCT]);
const [size] = await sql(`select pg_size_pretty(pg_database_size(current_database())) as db,
  pg_size_pretty(pg_total_relation_size('recipes')) as recipes`);
const seconds = (performance.now() - started) / 1000;
const ok = counters.wrong_users === 0 && counters.stats_published === counters.published && found100.n === 100;
if (ok) {
  const note = `smilecook bench seed: n=${n} published=${counters.published} seeded_at=${new Date().toISOString()}`;
  await sql(`comment on database "${name}" is '${note}'`);
}
await pool.end();

console.log(`Done in ${seconds.toFixed(1)} s (${sizeLabel(n)}): database ${size.db}, recipes with indexes ${size.recipes}
  published ${counters.published}, drafts ${counters.drafts}; recipe_stats_slots' published ${counters.stats_published}; \
users with wrong counters: ${counters.wrong_users}
  "${WORD_100}" finds ${found100.n} published recipes; "${WORD_1PCT}" finds ${found1pct.n}
  log in as ${BENCH_USER.username} / ${BENCH_USER.password}`);
if (!ok) {
  console.error('Seed check FAILED: counters or the 100-match word are not exact.');
  process.exit(1);
}
