import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cpuTimeMs } from './processes.ts';

/** What the seed and the benchmark agree on: database names, the known user, the search words. */
export const BENCH_USER = { username: 'bench_user', password: 'bench-password-correct-horse-battery' };
/** Put into exactly 100 published recipes, whatever N is. */
export const WORD_100 = 'quokkaberry';
/** Put into every recipe whose id ≡ 37 (mod 100): ~1 % of the recipes. */
export const WORD_1PCT = 'yuzukosho';
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** "10k", "100k", "1m" for 10 000, 100 000, 1 000 000. */
export function sizeLabel(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}m`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

/** Parses "10000", "10k", "1m", "1e6". */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(k|m)?$/i.exec(text.trim()) ?? /^(\d+(?:\.\d+)?e\d+)$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: "${text}" (try 10000, 100k or 1m)`);
  const factor = match[2]?.toLowerCase() === 'm' ? 1_000_000 : match[2]?.toLowerCase() === 'k' ? 1_000 : 1;
  const n = Math.round(Number(match[1]) * factor);
  if (!Number.isSafeInteger(n) || n < 100) throw new Error(`size must be at least 100 (got ${text})`);
  return n;
}

/** The dedicated database of one size: smilecook_bench_10k, … on the local server. */
export function benchDatabaseUrl(n: number): string {
  return `postgresql://postgres@127.0.0.1:5432/smilecook_bench_${sizeLabel(n)}`;
}

/** Creates the database of a URL when it does not exist (connects to "postgres" on the same server). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`create database "${name}"`);
    return true;
  } finally {
    await client.end();
  }
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * Minimal argv parsing: `--name value`, `--name=value`, `--flag`; the rest are positionals. `alwaysValued` flags take the next
 * argument even when it starts with `--`.
 */
export function parseArgs(argv: string[], alwaysValued: string[] = []): { flags: Map<string, string>; positionals: string[] } {
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && (!argv[i + 1]!.startsWith('--') || alwaysValued.includes(arg.slice(2)))) {
      flags.set(arg.slice(2), argv[++i]!);
    } else flags.set(arg.slice(2), 'true');
  }
  return { flags, positionals };
}

/** N, the seeded user's hash and login names, from a completed seed (bench/seed.ts leaves a comment on the database). */
export async function inspectSeed(url: string): Promise<{ n: number; hash: string | null; postgres: string; logins: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: [db] } = await client.query(`select shobj_description(oid, 'pg_database') as note,
      current_setting('server_version') as version from pg_database where datname = current_database()`);
    const n = /smilecook bench seed: n=(\d+)/.exec(db?.note ?? '')?.[1];
    if (!n) throw new Error(`${url} is not a completed bench seed: run node --import tsx bench/seed.ts <N> first`);
    const user = await client.query('select password_hash from users where username = $1', [BENCH_USER.username]);
    // Seeded accounts share BENCH_USER's password: logins rotate over 100 of them (the per-account limit counts in-flight attempts).
    const others = await client.query('select username from users where password_hash = $1 order by id limit 100', [user.rows[0]?.password_hash]);
    return {
      n: Number(n), hash: user.rows[0]?.password_hash ?? null, postgres: `PostgreSQL ${db.version}`,
      logins: others.rows.map((row: { username: string }) => row.username),
    };
  } finally {
    await client.end();
  }
}

/**
 * Lets requests still in flight when autocannon stopped (slow deep pages, argon2 queues) finish before
 * the next measurement: waits until the database runs no other query (at most 30 s).
 */
export async function settle(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const { rows: [busy] } = await client.query(`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`);
      if (busy.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await client.end();
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** CPU time (ms) of every PostgreSQL backend connected to the database, by pid. */
export async function backendCpu(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`select pid from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()`);
    return new Map(rows.map((row: { pid: number }) => [row.pid, cpuTimeMs(row.pid)]));
  } finally {
    await client.end();
  }
}

/** CPU (ms) the database's backends spent since `before` (backends that appeared since count whole). */
export async function backendCpuSince(url: string, before: Map<number, number>): Promise<number> {
  let total = 0;
  for (const [pid, ms] of await backendCpu(url)) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** The seed of the database; a dedicated bench database that is missing or incomplete is seeded now. */
export async function ensureSeeded(url: string, size: number): Promise<Awaited<ReturnType<typeof inspectSeed>>> {
  try {
    return await inspectSeed(url);
  } catch (error) {
    if (!databaseName(url).startsWith('smilecook_bench_')) throw error;
    console.log(`${(error as Error).message.split('\n')[0]}: seeding ${databaseName(url)} with N = ${size} first`);
    const seeding = spawnSync(process.execPath, ['--import', 'tsx', 'bench/seed.ts', String(size), '--database-url', url],
      { stdio: 'inherit', cwd: fileURLToPath(new URL('..', import.meta.url)) });
    if (seeding.status !== 0) throw new Error('seeding failed', { cause: error });
    return inspectSeed(url);
  }
}
