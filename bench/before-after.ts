/**
 * `npm run bench:before-after -- --before <other checkout> [--after <checkout>] [--n 10k] [--only page1,recipe,revalidate]
 *   [--slices 16] [--slice 3] [--connections 50] [--before-env "…"] [--after-env "METRICS_PORT=0"] [--log-level warn]`
 * The cost of a change in node CPU per request, on a machine too shared for two separate runs to
 * compare (bench/README.md): this checkout ("after") and another one ("before", e.g. a git worktree of
 * main) are built as `npm start` builds them, both started pinned to the same core, and loaded in
 * turns of a few seconds (before, after, after, before, …) for each scenario, so that whatever else
 * the machine does falls on both alike. Reported: the median node µs/request of each and their
 * ratio, with the medians of req/s. PostgreSQL and the load generator run on the other core. Two
 * copies of one commit (`--after` another worktree of it) show how far apart two equal servers measure.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDatabaseUrl, ensureSeeded, parseArgs, parseSize, settle } from './bench-db.ts';
import { Discovery } from './discovery.ts';
import { load } from './load.ts';
import { pin, pinBackends, pinnedCommand, pinningFor } from './pinning.ts';
import { cpuTimeMs, freePort, startServer, type ServerProcess } from './processes.ts';
import { int } from './report.ts';
import { scenarios } from './scenarios.ts';
import { prepare, startCommand } from './start-command.ts';

const { flags } = parseArgs(process.argv.slice(2), ['before-env', 'after-env']);
const before = flags.get('before');
if (!before) throw new Error('--before <the other checkout> is required (e.g. git worktree add /tmp/before main)');
const size = parseSize(flags.get('n') ?? '10k');
const url = flags.get('database-url') ?? benchDatabaseUrl(size);
const slices = Number(flags.get('slices') ?? 16);
const slice = Number(flags.get('slice') ?? 3);
const connections = Number(flags.get('connections') ?? 50);
const only = (flags.get('only') ?? 'page1,recipe,revalidate').split(',');
const pinning = pinningFor(flags.has('no-pin'));
const envOf = (text: string | undefined) => Object.fromEntries((text ?? '').split(' ').filter(Boolean).map((pair) => pair.split(/=(.*)/s).slice(0, 2)));

const seed = await ensureSeeded(url, size);
if (pinning) pin(process.pid, pinning.rest);
const jwtSecret = randomBytes(48).toString('base64url');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-before-after-'));
const started: ServerProcess[] = [];
const built = new Set<string>();

async function launch(name: string, checkout: string, extra: Record<string, string>): Promise<ServerProcess> {
  const command = startCommand(path.join(checkout, 'package.json'));
  if (!built.has(checkout)) prepare(command, checkout); // once per checkout: a build removes dist/ first
  built.add(checkout);
  const env = {
    ...command.env, NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET: jwtSecret, RATE_LIMIT_EXEMPT: '127.0.0.1',
    LOG_LEVEL: flags.get('log-level') ?? 'warn', DATA_DIR: dataDir, ...extra,
  };
  const server = await startServer(name, path.resolve(checkout, command.script), await freePort(), env, command.nodeArgs, pinnedCommand(pinning));
  started.push(server);
  return server;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;
const median = (values: number[]) => quantile(values, 0.5);
/** The median and, in brackets, the middle half of the turns (a turn that another process disturbed falls outside). */
const spread = (values: number[]) => `${int(median(values))} (${int(quantile(values, 0.25))}–${int(quantile(values, 0.75))})`;
const here = flags.get('after') ?? fileURLToPath(new URL('..', import.meta.url));
const loadAtStart = os.loadavg()[0]!.toFixed(1);
try {
  const servers = [
    await launch('before', path.resolve(before), envOf(flags.get('before-env'))), await launch('after', path.resolve(here), envOf(flags.get('after-env'))),
  ];
  console.log(`before: ${path.resolve(before)} ${flags.get('before-env') ?? ''}\nafter:  ${here} ${flags.get('after-env') ?? ''}`);
  console.log(`N = ${seed.n}; ${slices} turns of ${slice} s per server and scenario, ${connections} connections; load average ${loadAtStart}`);
  console.log('\n| scenario | before: node µs/req | after: node µs/req | after ÷ before | before: req/s | after: req/s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const scenario of scenarios.filter((s) => only.includes(s.id))) {
    const requests = await Promise.all(servers.map(async (server) => (await scenario.prepare(new Discovery(server.url, seed.logins))).request));
    for (const [i] of servers.entries()) await load(requests[i]!, { duration: 2, connections });
    await settle(url);
    if (pinning) await pinBackends(url, pinning.rest);
    const cpu: number[][] = [[], []];
    const rps: number[][] = [[], []];
    for (let turn = 0; turn < slices; turn += 1) {
      for (const i of turn % 2 === 0 ? [0, 1] : [1, 0]) {
        const at = cpuTimeMs(servers[i]!.pid);
        const result = await load(requests[i]!, { duration: slice, connections });
        cpu[i]!.push(((cpuTimeMs(servers[i]!.pid) - at) * 1000) / Math.max(1, result.requests));
        rps[i]!.push(result.rps);
      }
    }
    const [a, b] = [median(cpu[0]!), median(cpu[1]!)];
    console.log(`| ${scenario.title} | ${spread(cpu[0]!)} | ${spread(cpu[1]!)} | ${(b / a).toFixed(3)} | ${int(median(rps[0]!))} | ${int(median(rps[1]!))} |`);
  }
  console.log(`\nload average ${loadAtStart} → ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
} finally {
  for (const server of started) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
