import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { LoadResult } from './load.ts';
import { busyByOwner, formatShares, loadProfile } from './profile-summary.ts';

/** One measured (or skipped) scenario on one server. */
export interface Row {
  scenario: string;
  title: string;
  server: 'API' | 'baseline';
  note?: string;
  na?: string;
  result?: LoadResult;
  peakRssMb?: number;
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
  options: { duration: number; warmup: number; connections: number; rounds: number };
  rows: Row[];
  argon2: { rate: number; lanes: number } | { na: string };
}

export interface Target { name: string; measured: string; met: boolean | null }

const ms = (value: number | undefined | null) =>
  value === undefined || value === null || Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1);
const int = (value: number) => Math.round(value).toLocaleString('en-US');

export function find(record: RunRecord, scenario: string, server: Row['server'] = 'API'): Row | undefined {
  return record.rows.find((row) => row.scenario === scenario && row.server === server && row.result);
}

function ratio(record: RunRecord, row: Row): string {
  if (row.server !== 'API' || !row.result) return '';
  const base = find(record, row.scenario, 'baseline')?.result;
  if (!base) return '';
  return `${(row.result.rps / base.rps).toFixed(2)} / ${(row.result.p99 / base.p99).toFixed(2)}`;
}

/** The one table: markdown, so that it can be pasted into the README as is. */
export function table(record: RunRecord): string {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'peak RSS MB', 'loop max ms',
    'CPU ms/req server + db', 'API/baseline req/s / p99', 'note'];
  const lines = record.rows.map((row) => {
    const r = row.result;
    if (!r) return [row.title, row.server, `n/a: ${row.na ?? 'not run'}`, '', '', '', '', '', '', '', '', ''];
    const cpu = row.cpuMsPerRequest === undefined ? '–' : `${ms(row.cpuMsPerRequest)} + ${ms(row.dbCpuMsPerRequest)}`;
    return [row.title, row.server, int(r.rps), ms(r.p50), ms(r.p99), ms(r.max), String(r.errors),
      row.peakRssMb?.toFixed(0) ?? '–', ms(row.loopMaxMs), cpu, ratio(record, row), row.note ?? ''];
  });
  if ('rate' in record.argon2) {
    lines.push([`raw argon2id verify (${record.argon2.lanes} at a time)`, 'in-process', int(record.argon2.rate),
      '', '', '', '', '', '', '', '', 'libuv pool, the seeded hash\'s parameters']);
  }
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function crossN(name: string, scenario: string, small?: RunRecord, large?: RunRecord): Target {
  const a = small && find(small, scenario)?.result;
  const b = large && find(large, scenario)?.result;
  if (!a || !b) {
    const have = [small && '10k', large && '1M'].filter(Boolean).join(', ') || 'none';
    return { name, measured: `n/a: needs this scenario at 10k and at 1M (results: ${have})`, met: null };
  }
  const factor = b.p99 / a.p99;
  return { name, measured: `${factor.toFixed(2)}× (${ms(b.p99)} ms at 1M vs ${ms(a.p99)} ms at 10k)`, met: factor <= 1.25 };
}

/** The targets of issue 5, each with the measured value and met / NOT met (null: cannot tell yet). */
export function targets(record: RunRecord, small?: RunRecord, large?: RunRecord): Target[] {
  const list: Target[] = [];
  const api = find(record, 'page1')?.result;
  const base = find(record, 'page1', 'baseline')?.result;
  const na = (name: string, why: string) => list.push({ name, measured: `n/a: ${why}`, met: null });
  if (api && base) {
    const share = api.rps / base.rps;
    list.push({ name: 'Anonymous page: req/s ≥ 60 % of the baseline', met: share >= 0.6,
      measured: `${(share * 100).toFixed(0)} % (${int(api.rps)} vs ${int(base.rps)})` });
    const factor = api.p99 / base.p99;
    list.push({ name: 'Anonymous page: p99 ≤ 1.5× the baseline', met: factor <= 1.5,
      measured: `${factor.toFixed(2)}× (${ms(api.p99)} vs ${ms(base.p99)} ms)` });
  } else {
    na('Anonymous page: req/s ≥ 60 % of the baseline', 'page 1 not measured on both servers');
    na('Anonymous page: p99 ≤ 1.5× the baseline', 'page 1 not measured on both servers');
  }
  const revalidate = find(record, 'revalidate')?.result;
  if (revalidate && api) {
    const factor = revalidate.rps / api.rps;
    list.push({ name: '304 revalidation: req/s ≥ 2× the full page', met: factor >= 2,
      measured: `${factor.toFixed(2)}× (${int(revalidate.rps)} vs ${int(api.rps)})` });
  } else na('304 revalidation: req/s ≥ 2× the full page', 'needs the 304 and page-1 scenarios');
  list.push(crossN('Page 1: p99 at 1M ≤ 1.25× at 10k', 'page1', small, large));
  list.push(crossN('Search (100 matches): p99 at 1M ≤ 1.25× at 10k', 'search100', small, large));
  const login = find(record, 'login')?.result;
  if (login && 'rate' in record.argon2) {
    const share = login.rps / record.argon2.rate;
    list.push({ name: 'Login: ≥ 90 % of the raw argon2id rate', met: share >= 0.9,
      measured: `${(share * 100).toFixed(0)} % (${login.rps.toFixed(1)} logins/s vs ${record.argon2.rate.toFixed(1)} hashes/s)` });
  } else na('Login: ≥ 90 % of the raw argon2id rate', 'the login scenario did not run');
  const ran = record.rows.filter((row) => row.server === 'API' && row.result);
  const of = `${ran.length} of ${record.rows.filter((row) => row.server === 'API').length} API scenarios ran`;
  if (ran.length === 0) {
    for (const name of ['Server RSS under load < 200 MB', 'No errors', 'No event-loop stall > 100 ms']) na(name, of);
    return list;
  }
  const rss = Math.max(...ran.map((row) => row.peakRssMb ?? 0));
  list.push({ name: 'Server RSS under load < 200 MB', met: rss < 200, measured: `peak ${rss.toFixed(0)} MB (${of})` });
  const errors = ran.reduce((sum, row) => sum + row.result!.errors, 0);
  list.push({ name: 'No errors', met: errors === 0, measured: `${errors} (${of})` });
  const loops = ran.map((row) => row.loopMaxMs).filter((v): v is number => typeof v === 'number');
  if (loops.length) {
    const worst = Math.max(...loops);
    list.push({ name: 'No event-loop stall > 100 ms', met: worst <= 100, measured: `longest ${ms(worst)} ms (${of})` });
  } else na('No event-loop stall > 100 ms', 'the loop probe did not answer');
  return list;
}

export function targetTable(list: Target[]): string {
  const mark = (met: boolean | null) => (met === null ? '–' : met ? 'met' : '**NOT met**');
  const lines = list.map((t) => `| ${t.name} | ${t.measured} | ${mark(t.met)} |`);
  return ['| target | measured | |', '| --- | --- | --- |', ...lines].join('\n');
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
  for (const row of rows.filter((r) => r.server === 'API' && r.window && r.result)) {
    const { busyMs, shares } = busyByOwner(profile, ...row.window!);
    const perRequest = busyMs / row.result!.requests;
    console.log(`- ${row.title}: ${perRequest.toFixed(2)} ms busy per request — ${formatShares(shares)}`);
  }
}
