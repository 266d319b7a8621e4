/**
 * `npm run bench -- [--n 10k|100k|1m] [--database-url URL] [--duration 10] [--warmup 2] [--connections 10]
 *                   [--rounds 1] [--only page1,search100,…] [--no-baseline] [--profile] [--report]
 *                   [--api-node-options "--max-semi-space-size=2 …"] [--api-env "UV_THREADPOOL_SIZE=2 …"]`
 * Starts the real API (production mode) and the baseline on a seeded database (bench/seed.ts; a missing
 * smilecook_bench_<N> database is seeded first), finds every URL from "/" by link relations, drives each
 * scenario with autocannon and prints one table plus the targets of issue 5. Results go to bench/results/<N>.json (page-1 and search p99 at 1M are
 * compared with those at 10k when both files exist).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argon2Rate } from './argon2-rate.ts';
import { BENCH_USER, backendCpu, backendCpuSince, benchDatabaseUrl, ensureSeeded, parseArgs, parseSize, settle } from './bench-db.ts';
import { load, type LoadOptions } from './load.ts';
import { freePort, startServer, type ServerProcess } from './processes.ts';
import { median, printProfile, table, type Row, type RunRecord } from './report.ts';
import { targetTable, targets } from './targets.ts';
import { Discovery, NotAvailable } from './discovery.ts';
import { scenarios, type Scenario } from './scenarios.ts';
import { prepare, startCommand } from './start-command.ts';

const { flags } = parseArgs(process.argv.slice(2), ['api-node-options', 'api-env']);
const size = parseSize(flags.get('n') ?? '10k');
const url = flags.get('database-url') ?? (flags.has('n') ? undefined : process.env.DATABASE_URL) ?? benchDatabaseUrl(size);
const options: LoadOptions & { warmup: number; rounds: number } = {
  duration: Number(flags.get('duration') ?? 10), warmup: Number(flags.get('warmup') ?? 2),
  connections: Number(flags.get('connections') ?? 10), rounds: Number(flags.get('rounds') ?? 1),
};
const only = flags.get('only')?.split(',');
const selected = scenarios.filter((s) => !only || only.includes(s.id));
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

async function start(name: 'API' | 'baseline', script: string, env: Record<string, string>, nodeOptions: string[] = []) {
  try {
    return await startServer(name, script, await freePort(), { DATABASE_URL: url, ...env }, nodeOptions);
  } catch (error) {
    const lines = (error as Error).message.split('\n').map((line) => line.trim()).filter(Boolean);
    const cause = lines.find((line) => /error/i.test(line) && !line.startsWith('at ')) ?? lines[0] ?? '';
    return `${name} did not start: ${cause.slice(0, 200)}`;
  }
}

async function measure(scenario: Scenario, name: Row['server'], server: ServerProcess | string, discovery?: Discovery): Promise<Row> {
  const row: Row = { scenario: scenario.id, title: scenario.title, server: name };
  if (typeof server === 'string') return { ...row, na: server };
  try {
    const { request, note } = await scenario.prepare(discovery!);
    row.note = note;
    await load(request, { ...options, duration: options.warmup });
    await settle(url);
    const dbBefore = await backendCpu(url);
    server.startWindow();
    const from = Number(process.hrtime.bigint() / 1000n);
    row.result = await load(request, options);
    row.window = [from, Number(process.hrtime.bigint() / 1000n)];
    const { cpuMs, ...window } = await server.endWindow();
    const dbMs = await backendCpuSince(url, dbBefore);
    Object.assign(row, window, { cpuMsPerRequest: cpuMs / row.result.requests, dbCpuMsPerRequest: dbMs / row.result.requests });
    await settle(url);
    console.log(`  ${scenario.id.padEnd(11)} ${name.padEnd(8)} ${Math.round(row.result.rps)} req/s, p99 ${row.result.p99.toFixed(2)} ms, `
      + `${row.result.errors} errors (${Object.entries(row.result.statuses).map(([s, c]) => `${c}×${s}`).join(' ')})`);
  } catch (error) {
    // A missing feature (NotAvailable) or a failure while finding the URL (e.g. a probe timing out).
    row.na = error instanceof NotAvailable ? error.message : `failed: ${(error as Error).message}`;
    console.log(`  ${scenario.id.padEnd(11)} ${name.padEnd(8)} n/a: ${row.na}`);
  }
  return row;
}

const saved = (n: number): RunRecord | undefined => {
  const file = path.join(resultsDir, `${n}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as RunRecord : undefined;
};
function print(record: RunRecord): void {
  console.log(`\nSmilecook benchmark — N = ${record.n} recipes — ${record.date}\n${record.machine}; load average ${record.loadAverage}\n`);
  console.log(table(record));
  console.log(`\nTargets (issue 5)\n`);
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
const api = await start('API', production.script, {
  ...production.env,
  NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('base64url'), RATE_LIMIT_EXEMPT: '127.0.0.1',
  LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'smilecook-bench-')),
  // --api-env "UV_THREADPOOL_SIZE=2 CACHE_MAX_AGE=0": extra environment for experiments.
  ...Object.fromEntries((flags.get('api-env') ?? '').split(' ').filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2))),
}, [
  ...production.nodeArgs,
  ...(flags.has('profile') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ...(flags.get('api-node-options')?.split(' ').filter(Boolean) ?? []),
]);
const baseline = flags.has('no-baseline') ? undefined : await start('baseline', 'bench/baseline.ts', {}, ['--import', 'tsx']);
const discoveries = new Map<ServerProcess, Discovery>();
const discovery = (server: ServerProcess | string) => {
  if (typeof server === 'string') return undefined;
  if (!discoveries.has(server)) discoveries.set(server, new Discovery(server.url, seed.logins));
  return discoveries.get(server);
};

const rows: Row[] = [];
const hashRates: number[] = [];
/** Raw argon2id rate, measured right after each login round (same background load), the servers idle. */
const measureHashRate = async () => {
  if (seed.hash?.startsWith('$argon2')) hashRates.push(await argon2Rate(seed.hash, BENCH_USER.password, options.duration));
};
try {
  for (const scenario of selected) {
    // Rounds alternate baseline and API, so that both see the same background load; the median round is kept.
    const rounds: Row[][] = [[], []];
    for (let round = 0; round < options.rounds; round++) {
      if (scenario.withBaseline && baseline) rounds[0]!.push(await measure(scenario, 'baseline', baseline, discovery(baseline)));
      rounds[1]!.push(await measure(scenario, 'API', api, discovery(api)));
      if (scenario.id === 'login') await measureHashRate();
    }
    for (const measured of rounds) if (measured.length) rows.push(median(measured));
  }
} finally {
  for (const server of [api, baseline]) if (server && typeof server !== 'string') await server.stop();
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
