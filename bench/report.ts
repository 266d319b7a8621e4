import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.ts';
import { busyByOwner, formatShares, loadProfile } from './profile-summary.ts';

/** One measured (or skipped) scenario on one server. */
export interface Row {
  scenario: string;
  title: string;
  /** 'baseline': the API's own SQL and bytes by hand (the ceiling); 'naive SQL': the old count(*) + ILIKE shape. */
  server: 'API' | 'baseline' | 'naive SQL';
  note?: string;
  na?: string;
  result?: LoadResult;
  peakRssMb?: number;
  /** V8 heap (heapTotal) at the end of the window: the rest of the RSS is code, native modules, buffers. */
  heapMb?: number | null;
  loopMaxMs?: number | null;
  /** CPU time of the server process, and of the database backends, per request (robust to background load). */
  cpuMsPerRequest?: number;
  dbCpuMsPerRequest?: number;
  /** When it was measured: monotonic µs (the clock of CPU profiles). */
  window?: [number, number];
}

export interface RunRecord {
  n: number;
  date: string;
  machine: string;
  /** 1-minute load average at the start and at the end of the run (others' work skews the numbers). */
  loadAverage: string;
  options: { duration: number; warmup: number; connections: number; rounds: number; pinning?: string };
  rows: Row[];
  argon2: { rate: number; lanes: number } | { na: string };
}

export const ms = (value: number | undefined | null) =>
  value === undefined || value === null || Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1);
export const int = (value: number) => Math.round(value).toLocaleString('en-US');

export function find(record: RunRecord, scenario: string, server: Row['server'] = 'API'): Row | undefined {
  return record.rows.find((row) => row.scenario === scenario && row.server === server && row.result);
}

/** Whether a measurement has good answers at all (a scenario that only timed out has no p99). */
export const answered = (result: LoadResult | undefined): boolean => !!result && result.rps > 0 && Number.isFinite(result.p99);

const cpuUs = (row: Row) => ((row.cpuMsPerRequest ?? Number.NaN) * 1000);
const dbUs = (row: Row) => ((row.dbCpuMsPerRequest ?? Number.NaN) * 1000);
const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '–');

/** row ÷ baseline: req/s · p99 · node µs/req · PostgreSQL µs/req (for every row but the baseline's). */
function ratio(record: RunRecord, row: Row): string {
  if (row.server === 'baseline' || !row.result) return '';
  const baseRow = find(record, row.scenario, 'baseline');
  const base = baseRow?.result;
  if (!baseRow || !base || !answered(base) || !answered(row.result)) return '';
  return [row.result.rps / base.rps, row.result.p99 / base.p99, cpuUs(row) / cpuUs(baseRow), dbUs(row) / dbUs(baseRow)].map(fixed).join(' · ');
}

const rss = (row: Row) => (row.peakRssMb === undefined ? '–'
  : `${row.peakRssMb.toFixed(0)}${typeof row.heapMb === 'number' ? ` (heap ${row.heapMb.toFixed(0)})` : ''}`);
const us = (value: number) => (Number.isFinite(value) ? int(value) : '–');

/** The one table: markdown, so that it can be pasted into bench/README.md as is. */
export function table(record: RunRecord): string {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'peak RSS MB', 'loop max ms',
    'node µs/req', 'pg µs/req', '÷ baseline: req/s · p99 · node µs · pg µs', 'note'];
  const lines = record.rows.map((row) => {
    const r = row.result;
    if (!r) return [row.title, row.server, `n/a: ${row.na ?? 'not run'}`, '', '', '', '', '', '', '', '', '', row.note ?? ''];
    const counted = r.requests > 0 && row.cpuMsPerRequest !== undefined;
    return [row.title, row.server, int(r.rps), ms(r.p50), ms(r.p99), ms(r.max), String(r.errors),
      rss(row), ms(row.loopMaxMs), counted ? us(cpuUs(row)) : '–', counted ? us(dbUs(row)) : '–', ratio(record, row), row.note ?? ''];
  });
  if ('rate' in record.argon2) {
    lines.push([`raw argon2id verify (${record.argon2.lanes} at a time)`, 'in-process', int(record.argon2.rate),
      '', '', '', '', '', '', '', '', '', 'libuv pool, the seeded hash\'s parameters, on the API\'s core, right after each login round']);
  }
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** `--profile`: where the API's main thread spent its busy time during each scenario. */
export function printProfile(dir: string, pid: number, rows: Row[]): void {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile') && name.split('.')[3] === String(pid) && name.split('.')[4] === '0');
  if (!file) {
    console.log(`\nNo CPU profile of the API (pid ${pid}) in ${dir}`);
    return;
  }
  const profile = loadProfile(path.join(dir, file));
  console.log(`\nWhere the API's main thread spent its busy time (${path.join(dir, file)})\n`);
  const inProfile = (row: Row) => !!row.window && row.window[0] >= profile.startTime && row.window[1] <= profile.endTime;
  for (const row of rows.filter((r) => r.server === 'API' && r.result && inProfile(r))) {
    const { busyMs, shares } = busyByOwner(profile, ...row.window!);
    const perRequest = busyMs / row.result!.requests;
    console.log(`- ${row.title}: ${perRequest.toFixed(2)} ms busy per request — ${formatShares(shares)}`);
  }
}

/** The round with the median req/s (all rounds when one is n/a: it is reported as such). */
export function median(rounds: Row[]): Row {
  if (rounds.length === 1 || rounds.some((row) => !row.result)) return rounds.find((row) => !row.result) ?? rounds[0]!;
  const sorted = [...rounds].sort((a, b) => a.result!.rps - b.result!.rps);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return { ...middle, note: `${middle.note ?? ''}; median of ${rounds.length} rounds (${sorted.map((r) => Math.round(r.result!.rps)).join(', ')} req/s)` };
}
