/**
 * `npm run bench:topology -- [--n 10k] [--duration 10] [--warmup 2] [--connections 50] [--writers 8,32] [--only reads|writes|mixed]
 *   [--mixed-seconds 30]`
 * Issue 9 item 5: where the bound moves with 1 and 2 API instances behind nginx, with Varnish in front
 * (a page and an image as cache hits), and how writes scale with 8 and 32 concurrent writers (with
 * PostgreSQL's lock waits); issue 22: a mixed load of reads and writes through a purged Varnish (bench/mixed-load.ts).
 * Nothing is pinned here: the point is how the processes share the machine's
 * cores, so every row gives the CPU µs per request of each process — what a larger machine divides.
 * Results: bench/results/topology-<N>.json. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchDatabaseUrl, ensureSeeded, parseArgs, parseSize, settle, WORD_100, WORD_1PCT } from './bench-db.ts';
import { uploadCover } from './cover-image.ts';
import { formatCpu, loadGenerator, withCpu, type CpuSource } from './cpu-window.ts';
import { Discovery } from './discovery.ts';
import type { External } from './external-process.ts';
import { HAL } from './hypermedia.ts';
import { fleet } from './instances.ts';
import { load } from './load.ts';
import { mixedLoad, type MixedResult } from './mixed-load.ts';
import { startNginx } from './nginx.ts';
import { cpuTimeMs, freePort, type ServerProcess } from './processes.ts';
import { int, ms } from './report.ts';
import { mixedTable, topologyGoals, type ReadRow, type WriteRow } from './topology-report.ts';
import { startVarnish, vclFor } from './varnish.ts';
import { runWriters } from './writers.ts';

const { flags } = parseArgs(process.argv.slice(2));
const size = parseSize(flags.get('n') ?? '10k');
const url = flags.get('database-url') ?? benchDatabaseUrl(size);
const options = {
  duration: Number(flags.get('duration') ?? 10), warmup: Number(flags.get('warmup') ?? 2), connections: Number(flags.get('connections') ?? 50),
};
const writerCounts = (flags.get('writers') ?? '8,32').split(',').map(Number);
const only = flags.get('only');

const seed = await ensureSeeded(url, size);
console.log(`Topology benchmark on ${url} (N = ${seed.n}), ${os.availableParallelism()} cores, ${options.duration} s per row, `
  + `${options.connections} connections`);
const apis = fleet(url);
const [api1, api2] = [await apis.add(), await apis.add()];
const portOf = (server: { url: string }) => Number(new URL(server.url).port);
const node = (server: ServerProcess): CpuSource => ({ name: server.name, cpuMs: () => cpuTimeMs(server.pid) });
const tree = (process: External, name = process.name): CpuSource => ({ name, cpuMs: () => process.cpuMs() });
const externals: External[] = [];
const reads: ReadRow[] = [];
const writes: WriteRow[] = [];
const mixed: MixedResult[] = [];

async function read(setup: string, target: string, path: string, sources: CpuSource[], note = '', accept = HAL) {
  const request = { url: target + path, method: 'GET', headers: { Accept: accept }, expect: 200 };
  await load(request, { ...options, duration: options.warmup });
  await settle(url);
  const { result, cpu } = await withCpu(url, [...sources, loadGenerator], () => load(request, options), (r) => r.requests);
  reads.push({ setup, path, result, cpu, note });
  console.log(`  ${setup.padEnd(34)} ${int(result.rps)} req/s, p99 ${ms(result.p99)} ms, ${result.errors} errors; µs/req: ${formatCpu(cpu)}`);
}

const discovery = new Discovery(api1.url, seed.logins);
let cover: Awaited<ReturnType<typeof uploadCover>> | undefined;

/** The anonymous page: direct, behind nginx (1 and 2 instances), as a Varnish hit; and an image, direct and as a hit. */
async function measureReads(page: string): Promise<void> {
  await read('origin: API 1, direct', api1.url, page, [node(api1)]);
  const nginx1 = await startNginx(await freePort(), [`127.0.0.1:${portOf(api1)}`]);
  externals.push(nginx1);
  await read('nginx → 1 instance', nginx1.url, page, [node(api1), tree(nginx1, 'nginx')]);
  await nginx1.stop();
  const nginx2 = await startNginx(await freePort(), [api1, api2].map((a) => `127.0.0.1:${portOf(a)}`));
  externals.push(nginx2);
  await read('nginx → 2 instances', nginx2.url, page, [node(api1), node(api2), tree(nginx2, 'nginx')]);

  cover = await uploadCover(api1.url, await discovery.accessToken());
  const image = new URL(cover.url).pathname;
  await read('image: origin (API 1), direct', api1.url, image, [node(api1)], `${cover.bytes} B WebP`, 'image/webp,*/*');
  const varnish = await startVarnish(await freePort(), portOf(api1));
  externals.push(varnish);
  const hits = [['Varnish hit: page 1', page, HAL, ''], ['Varnish hit: image', image, 'image/webp,*/*', `${cover.bytes} B WebP`]];
  for (const [setup, path, accept, note] of hits) {
    const before = varnish.counters();
    await read(setup!, varnish.url, path!, [tree(varnish, 'varnishd'), node(api1)], note, accept);
    const after = varnish.counters();
    const hits = after.hit - before.hit;
    reads.at(-1)!.note = [note, `${((100 * hits) / Math.max(1, hits + after.miss - before.miss)).toFixed(2)} % hits, `
    + `${after.backend - before.backend} backend requests; VCL ${varnish.vcl}`].filter(Boolean).join('; ');
  }
}

/** W writers, each its own seeded user, alternating between the two instances. */
async function measureWrites(count: number): Promise<void> {
  const writers = await Promise.all(Array.from({ length: count }, async (_, i) => {
    const at = [api1, api2][i % 2]!;
    const own = new Discovery(at.url, [seed.logins[i % seed.logins.length]!]);
    return { base: at.url, token: await own.accessToken() };
  }));
  await settle(url);
  const { result, cpu } = await withCpu(url, [node(api1), node(api2), loadGenerator], () => runWriters(writers, options.duration, url), (r) => r.recipes);
  writes.push({ result, cpu });
  const l = result.locks;
  console.log(`  ${count} writers: ${(result.recipes / result.seconds).toFixed(0)} recipes/s (create + publish), p99 ${ms(result.p99)} ms, `
    + `${result.errors} errors; lock waits ${(100 * l.shareOfWriters).toFixed(1)} % of the writers' time (${JSON.stringify(l.relations)}); `
    + `µs/recipe: ${formatCpu(cpu)}`);
}

/**
 * Issue 22: 200 reads/s over 50 hot pages through a Varnish that its API purges, with 2 draft edits/s and
 * 0.2 edits/s of a published recipe on the first page. The row is named after how this checkout purges
 * (its VCL: cache tags with vmod xkey, or PURGE and BAN), so two checkouts can be compared.
 */
async function measureMixed(): Promise<void> {
  const varnishPort = await freePort();
  const publicUrl = `http://127.0.0.1:${varnishPort}`;
  const origin = await apis.add({ CACHE_PURGE_URL: publicUrl, PUBLIC_BASE_URL: publicUrl, TRUST_PROXY: 'loopback' });
  const varnish = await startVarnish(varnishPort, portOf(origin));
  externals.push(varnish);
  const purging = /^\s*import xkey;/m.test(vclFor('127.0.0.1', 1).text) ? 'cache tags (xkey soft purge)' : 'PURGE + BAN of the lists';
  const result = await mixedLoad(`mixed load, ${purging}`, varnish, new Discovery(varnish.url, seed.logins), ['soup', 'curry', WORD_100, WORD_1PCT], {
    seconds: Number(flags.get('mixed-seconds') ?? 30), readsPerSecond: 200, hotPages: 50, draftEditsPerSecond: 2, publishedEditsPerSecond: 0.2,
  });
  mixed.push(result);
  const hitRatio = (100 * result.hits) / Math.max(1, result.hits + result.misses);
  console.log(`  ${result.setup}: ${hitRatio.toFixed(1)} % hits, ${result.originPerSecond.toFixed(1)} origin req/s (${result.revalidated304} revalidated 304), `
    + `reads p50 ${ms(result.p50)} ms p99 ${ms(result.p99)} ms, ${result.readErrors + result.writeErrors} errors`);
  await varnish.stop();
}

const client = new pg.Client({ connectionString: url });
await client.connect();
const { rows: [{ max: lastId }] } = await client.query('select coalesce(max(id), 0)::int as max from recipes');
try {
  if (!only || only === 'reads') await measureReads(new URL((await discovery.page1()).url).pathname);
  if (!only || only === 'writes') for (const count of writerCounts) await measureWrites(count);
  if (!only || only === 'mixed') await measureMixed();
} finally {
  await cover?.remove().catch((error: unknown) => console.warn(`could not remove the cover: ${(error as Error).message}`));
  // The writers' recipes go again (the triggers keep every counter exact), so later runs see the seed.
  const { rowCount } = await client.query('delete from recipes where id > $1', [lastId]);
  if (rowCount) console.log(`  removed the ${rowCount} recipes the writers created`);
  // Dead rows and the trigram indexes' pending lists would slow the next run's searches several-fold.
  if (rowCount) await client.query('vacuum (analyze) recipes');
  await client.end();
  for (const external of externals) await external.stop();
  await apis.stop();
}

const record = {
  n: seed.n, date: new Date().toISOString(), cores: os.availableParallelism(), loadAverage: os.loadavg()[0]!.toFixed(1), options, reads, writes, mixed,
};
const dir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}topology-${seed.n}.json`, JSON.stringify(record, null, 2));
console.log(topologyGoals(record));
if (mixed.length > 0) console.log(`\nMixed load through Varnish (issue 22)\n\n${mixedTable(mixed)}`);
