/** One measurement: a prepared scenario on one server, with its CPU (node and PostgreSQL) per request. */
import { backendCpu, backendCpuSince, settle } from './bench-db.ts';
import { NotAvailable, type Discovery } from './discovery.ts';
import { compareAnswers, identityNote } from './identity.ts';
import { load, type LoadOptions } from './load.ts';
import { pinBackends, type Pinning } from './pinning.ts';
import type { ServerProcess } from './processes.ts';
import type { Row } from './report.ts';
import type { Prepared, Scenario } from './scenarios.ts';

export interface Bench { url: string; options: LoadOptions & { warmup: number; rounds: number; pinning?: string }; pinning: Pinning | undefined }

/** Finds the scenario's request on a server; a string says why it cannot run there. */
export async function prepareOn(scenario: Scenario, server: ServerProcess | string, discovery?: Discovery): Promise<Prepared | string> {
  if (typeof server === 'string') return server;
  try {
    return await scenario.prepare(discovery!);
  } catch (error) {
    // A missing feature (NotAvailable) or a failure while finding the URL (e.g. a probe timing out).
    return error instanceof NotAvailable ? error.message : `failed: ${(error as Error).message}`;
  }
}

/** The byte-identity check of a baseline's answer against the API's, as a note ('' when it cannot run). */
export async function identity(baseline: Prepared | string, api: Prepared | string): Promise<string> {
  if (typeof baseline === 'string' || typeof api === 'string') return '';
  try {
    const difference = await compareAnswers(baseline.request, api.request);
    if (difference) console.log(`  !! MISMATCH baseline vs API for ${new URL(api.request.url).pathname}: ${difference}`);
    return identityNote(difference);
  } catch (error) {
    return `identity check failed: ${(error as Error).message}`;
  }
}

/** An unmeasured run of a prepared request (errors are the measurement's business, not the warm-up's). */
export async function warmUp(bench: Bench, prepared: Prepared | string): Promise<void> {
  if (typeof prepared === 'string') return;
  await load(prepared.request, { ...bench.options, duration: bench.options.warmup }).catch(() => undefined);
  await settle(bench.url);
}

export async function measure(...args: Parameters<typeof measureOnce>): Promise<Row> {
  try {
    return await measureOnce(...args);
  } catch (error) {
    const [, scenario, name] = args;
    console.log(`  ${scenario.id.padEnd(17)} ${name.padEnd(9)} failed: ${(error as Error).message}`);
    return { scenario: scenario.id, title: scenario.title, server: name, na: `failed: ${(error as Error).message}` };
  }
}

async function measureOnce(bench: Bench, scenario: Scenario, name: Row['server'], server: ServerProcess | string,
  prepared: Prepared | string): Promise<Row> {
  const row: Row = { scenario: scenario.id, title: scenario.title, server: name };
  if (typeof server === 'string' || typeof prepared === 'string') {
    row.na = typeof server === 'string' ? server : prepared as string;
    console.log(`  ${scenario.id.padEnd(17)} ${name.padEnd(9)} n/a: ${row.na}`);
    return row;
  }
  const { url } = bench;
  const options = { ...bench.options, connections: scenario.connections ?? bench.options.connections };
  const { request, note } = prepared;
  row.note = options.connections === bench.options.connections ? note : `${note}; ${options.connections} connections`;
  await load(request, { ...options, duration: options.warmup });
  await settle(url);
  if (bench.pinning) await pinBackends(url, bench.pinning.rest); // the connections the warm-up opened
  const dbBefore = await backendCpu(url);
  server.startWindow();
  const from = Number(process.hrtime.bigint() / 1000n);
  row.result = await load(request, options);
  row.window = [from, Number(process.hrtime.bigint() / 1000n)];
  const { cpuMs, ...window } = await server.endWindow();
  const dbMs = await backendCpuSince(url, dbBefore);
  Object.assign(row, window, { cpuMsPerRequest: cpuMs / row.result.requests, dbCpuMsPerRequest: dbMs / row.result.requests });
  await settle(url);
  const r = row.result;
  console.log(`  ${scenario.id.padEnd(17)} ${name.padEnd(9)} ${Math.round(r.rps)} req/s, p99 ${r.p99.toFixed(2)} ms, `
    + `node ${Math.round(row.cpuMsPerRequest! * 1000)} µs + pg ${Math.round(row.dbCpuMsPerRequest! * 1000)} µs/req, `
    + `${r.errors} errors (${Object.entries(r.statuses).map(([s, c]) => `${c}×${s}`).join(' ')})`);
  return row;
}
