/**
 * `npm run bench -- [--n 10k|100k|1m] [--database-url URL] [--duration 10] [--warmup 2] [--connections 50]
 *                   [--rounds 3] [--only page1,search100,…] [--no-baseline] [--naive] [--no-pin] [--profile] [--report]
 *                   [--api-node-options "--max-semi-space-size=2 …"] [--api-env "UV_THREADPOOL_SIZE=2 …"]`
 * Starts the real API (production mode) and the baseline (the API's SQL and bytes by hand; --naive adds the
 * old count(*) shape) on a seeded database (bench/seed.ts; a missing smilecook_bench_<N> database is seeded
 * first), each server pinned to core 0 and PostgreSQL's backends and the load to core 1 (bench/pinning.ts),
 * finds every URL from "/" by link relations, checks that the baseline answers byte for byte what the API
 * answers, drives each scenario with autocannon in rounds alternating the servers, and prints one table
 * plus the targets (bench/targets.ts). Results go to bench/results/<N>.json (p99 at 1M is compared with
 * that at 10k when both files exist). See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argon2RateIn } from './argon2-rate.ts';
import { BENCH_USER, benchDatabaseUrl, ensureSeeded, parseArgs, parseSize } from './bench-db.ts';
import type { Bench } from './measure.ts';
import { pin, pinnedCommand, pinningFor } from './pinning.ts';
import { freePort, startServer, type ServerProcess } from './processes.ts';
import { printProfile, table, type Row, type RunRecord } from './report.ts';
import { targetTable, targets } from './targets.ts';
import { Discovery } from './discovery.ts';
import { runScenarios } from './rounds.ts';
import { scenarios } from './scenarios.ts';
import { prepare, startCommand } from './start-command.ts';

const { flags } = parseArgs(process.argv.slice(2), ['api-node-options', 'api-env']);
const size = parseSize(flags.get('n') ?? '10k');
const url = flags.get('database-url') ?? (flags.has('n') ? undefined : process.env.DATABASE_URL) ?? benchDatabaseUrl(size);
const pinning = pinningFor(flags.has('no-pin'));
const options: Bench['options'] = {
  duration: Number(flags.get('duration') ?? 10), warmup: Number(flags.get('warmup') ?? 2),
  connections: Number(flags.get('connections') ?? 50), rounds: Number(flags.get('rounds') ?? 3),
};
const bench: Bench = { url, options, pinning };
const only = flags.get('only')?.split(',');
const selected = scenarios.filter((s) => !only || only.includes(s.id));
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

async function start(name: Row['server'], script: string, env: Record<string, string>, nodeOptions: string[] = []) {
  try {
    return await startServer(name, script, await freePort(), { DATABASE_URL: url, ...env }, nodeOptions, pinnedCommand(pinning));
  } catch (error) {
    const lines = (error as Error).message.split('\n').map((line) => line.trim()).filter(Boolean);
    const cause = lines.find((line) => /error/i.test(line) && !line.startsWith('at ')) ?? lines[0] ?? '';
    return `${name} did not start: ${cause.slice(0, 200)}`;
  }
}

const saved = (n: number): RunRecord | undefined => {
  const file = path.join(resultsDir, `${n}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as RunRecord : undefined;
};
function print(record: RunRecord): void {
  console.log(`\nSmilecook benchmark — N = ${record.n} recipes — ${record.date}\n${record.machine}; load average ${record.loadAverage}\n`);
  console.log(table(record));
  console.log(`\nTargets (issues 5 and 12)\n`);
  console.log(targetTable(targets(record, saved(10_000), saved(1_000_000))));
}
if (flags.has('report')) {
  // --report: print the saved results of this N again, measuring nothing.
  const record = saved(size);
  if (!record) throw new Error(`no saved results for N = ${size} in ${resultsDir}`);
  print(record);
  process.exit(0);
}

const seed = await ensureSeeded(url, size);
const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${seed.postgres}`;
console.log(`Benchmark on ${url} (N = ${seed.n}); ${machine}`);
console.log(`${options.duration} s per run after ${options.warmup} s warm-up, ${options.connections} connections, ${options.rounds} round(s)`);
if (pinning) {
  pin(process.pid, pinning.rest); // the load generator (autocannon runs in this process) beside PostgreSQL
  options.pinning = `servers on core ${pinning.server}; PostgreSQL backends and the load generator on core ${pinning.rest}`;
} else options.pinning = 'none';
console.log(`Pinning: ${options.pinning}`);
const startLoad = (os.loadavg()[0] ?? 0).toFixed(1);
if (os.loadavg()[0]! > cpus.length / 2) {
  console.warn(`WARNING: load average ${os.loadavg()[0]!.toFixed(1)} on ${cpus.length} cores: other work is running; numbers will be noisy.`);
}

const profileDir = path.join(resultsDir, 'profiles');
if (flags.has('profile')) mkdirSync(profileDir, { recursive: true });
// The API runs as `npm start` runs it (package.json): built, with the same environment and node flags.
const production = startCommand(fileURLToPath(new URL('../package.json', import.meta.url)));
prepare(production, fileURLToPath(new URL('..', import.meta.url)));
console.log(`API: ${Object.entries(production.env).map(([k, v]) => `${k}=${v} `).join('')}node ${[...production.nodeArgs, production.script].join(' ')}`);
// The baseline verifies the API's access tokens: both get the same secret.
const jwtSecret = randomBytes(48).toString('base64url');
// The API's DATA_DIR (its uploads directory), removed when the run ends.
const apiDataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-bench-'));
const api = await start('API', production.script, {
  ...production.env,
  NODE_ENV: 'production', JWT_SECRET: jwtSecret, RATE_LIMIT_EXEMPT: '127.0.0.1',
  LOG_LEVEL: 'warn', DATA_DIR: apiDataDir,
  // --api-env "UV_THREADPOOL_SIZE=2 CACHE_MAX_AGE=0": extra environment for experiments.
  ...Object.fromEntries((flags.get('api-env') ?? '').split(' ').filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2))),
}, [
  ...production.nodeArgs,
  ...(flags.has('profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ...(flags.get('api-node-options')?.split(' ').filter(Boolean) ?? []),
]);
const baselines: Array<[Row['server'], ServerProcess | string]> = [];
if (!flags.has('no-baseline')) baselines.push(['baseline', await start('baseline', 'bench/baseline.ts', { JWT_SECRET: jwtSecret }, ['--import', 'tsx'])]);
if (flags.has('naive')) {
  baselines.push(['naive SQL', await start('naive SQL', 'bench/baseline.ts', { JWT_SECRET: jwtSecret, BASELINE_SQL: 'naive' }, ['--import', 'tsx'])]);
}
const discoveries = new Map<ServerProcess, Discovery>();
const apiDiscovery = typeof api === 'string' ? undefined : new Discovery(api.url, seed.logins);
const discovery = (server: ServerProcess | string) => {
  if (typeof server === 'string') return undefined;
  if (server === api) return apiDiscovery;
  if (!discoveries.has(server)) discoveries.set(server, new Discovery(server.url, seed.logins, apiDiscovery));
  return discoveries.get(server);
};

const rows: Row[] = [];
const hashRates: number[] = [];
/** Raw argon2id rate on the API's core with its thread pool, right after each login round (same background load). */
const measureHashRate = () => {
  if (seed.hash?.startsWith('$argon2')) {
    hashRates.push(argon2RateIn(pinnedCommand(pinning), { UV_THREADPOOL_SIZE: production.env.UV_THREADPOOL_SIZE ?? '4' },
      seed.hash, BENCH_USER.password, options.duration));
  }
};
try {
  rows.push(...await runScenarios(bench, selected, api, baselines, discovery, measureHashRate));
} finally {
  for (const server of [api, ...baselines.map(([, s]) => s)]) if (typeof server !== 'string') await server.stop();
  rmSync(apiDataDir, { recursive: true, force: true });
}

const argon2: RunRecord['argon2'] = hashRates.length
  ? { rate: [...hashRates].sort((a, b) => a - b)[Math.floor(hashRates.length / 2)]!, lanes: 4 }
  : { na: selected.some((s) => s.id === 'login') ? 'the seeded user has no argon2 hash' : 'the login scenario was not selected' };

const load1 = (os.loadavg()[0] ?? 0).toFixed(1);
const record: RunRecord = { n: seed.n, date: new Date().toISOString(), machine, loadAverage: `${startLoad} → ${load1}`, options, rows, argon2 };
const previous = only && saved(seed.n);
if (previous) {
  // --only: keep the other scenarios of the last run of this N (marked in their notes).
  const kept = previous.rows.filter((row) => !only.includes(row.scenario))
    .map((row) => (row.note?.includes('[from ') ? row : { ...row, note: `${row.note ?? ''} [from ${previous.date}]`.trim() }));
  record.rows = scenarios.flatMap((s) => [...kept, ...rows].filter((row) => row.scenario === s.id));
  if ('na' in argon2 && 'rate' in previous.argon2) record.argon2 = previous.argon2;
}
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, `${seed.n}.json`), JSON.stringify(record, null, 2));

print(record);
if (flags.has('profile') && typeof api !== 'string') printProfile(profileDir, api.pid, record.rows);
