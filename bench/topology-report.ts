/** The topology benchmark's tables (markdown) and its goals (issue 9 item 5). */
import type { CpuShares } from './cpu-window.ts';
import type { LoadResult } from './load.ts';
import { int, ms } from './report.ts';
import type { MixedResult } from './mixed-load.ts';
import type { WriteResult } from './writers.ts';

export interface ReadRow { setup: string; path: string; result: LoadResult; cpu: CpuShares; note: string }
export interface WriteRow { result: WriteResult; cpu: CpuShares }
export interface TopologyRecord { n: number; date: string; cores: number; loadAverage: string; reads: ReadRow[]; writes: WriteRow[] }

const cpuCell = (cpu: CpuShares) => Object.entries(cpu).map(([name, us]) => `${name} ${int(us)}`).join(' · ');
/** µs of CPU per request on the server side (everything but the load generator). */
const serverSide = (cpu: CpuShares) => Object.entries(cpu).filter(([name]) => name !== 'load generator').reduce((s, [, us]) => s + us, 0);
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const pct = (share: number) => `${(100 * share).toFixed(1)} %`;

function readTable(reads: ReadRow[], cores: number): string {
  const lines = reads.map((r) => row([r.setup, r.path.length > 40 ? `${r.path.slice(0, 37)}…` : r.path, int(r.result.rps), ms(r.result.p50), ms(r.result.p99),
    String(r.result.errors), cpuCell(r.cpu), int(serverSide(r.cpu)), int((cores * 1e6) / serverSide(r.cpu)), r.note]));
  return [row(['setup', 'path', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU µs per request, by process', 'server side µs/req',
    `CPU-bound req/s on ${cores} cores`, 'note']), row(Array(10).fill('---')), ...lines].join('\n');
}

function writeTable(writes: WriteRow[]): string {
  const lines = writes.map(({ result: w, cpu }) => {
    const events = Object.entries(w.locks.events).map(([e, n]) => `${e} ${n}`).join(', ') || 'none';
    const relations = Object.entries(w.locks.relations).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
    return row([String(w.writers), (w.recipes / w.seconds).toFixed(1), (w.requests / w.seconds).toFixed(0), ms(w.p50), ms(w.p99), String(w.errors),
      pct(w.locks.shareOfWriters), pct(w.locks.shareOfBusy), `${events}; not granted on: ${relations} (${w.locks.samples} samples)`, cpuCell(cpu)]);
  });
  return [row(['writers', 'recipes/s (create + publish)', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'lock waits, share of the writers\' time',
    'share of their time in a transaction', 'lock wait events (samples)', 'CPU µs per recipe, by process']), row(Array(10).fill('---')), ...lines].join('\n');
}

export function topologyGoals(record: TopologyRecord): string {
  const find = (setup: string) => record.reads.find((r) => r.setup === setup)?.result;
  const goals: Array<[string, string, boolean | null]> = [];
  const ratio = (name: string, a: LoadResult | undefined, b: LoadResult | undefined, minimum: number) => {
    if (!a || !b || !a.rps || !b.rps) return goals.push([name, 'n/a', null]);
    const value = a.rps / b.rps;
    goals.push([name, `${value.toFixed(2)}× (${int(a.rps)} vs ${int(b.rps)} req/s)`, value >= minimum]);
  };
  ratio('Varnish hit ≥ 10× the origin\'s own page req/s', find('Varnish hit: page 1'), find('origin: API 1, direct'), 10);
  ratio(`2 instances ≥ 1× one instance (both behind nginx, ${record.cores} cores)`, find('nginx → 2 instances'), find('nginx → 1 instance'), 1);
  const most = record.writes.at(-1)?.result;
  if (most) {
    goals.push([`${most.writers} writers: PostgreSQL lock waits < 10 % of the writers' time`, pct(most.locks.shareOfWriters), most.locks.shareOfWriters < 0.1]);
  }
  const mark = (met: boolean | null) => (met === null ? '–' : met ? 'met' : '**NOT met**');
  return [`\nTopology — N = ${record.n} — ${record.date}; ${record.cores} cores, load average ${record.loadAverage}\n`, readTable(record.reads, record.cores),
    '\nWrites (each writer its own user; writers alternate between the two instances)\n', writeTable(record.writes),
    '\nGoals (issue 9 item 5)\n', row(['goal', 'measured', '']), row(['---', '---', '---']),
    ...goals.map(([name, measured, met]) => row([name, measured, mark(met)]))].join('\n');
}

/** The mixed-load rows: how much of the read load the purged cache answers while writes go on. */
export function mixedTable(rows: MixedResult[]): string {
  const lines = rows.map((r) => {
    const o = r.options;
    const edits = `${o.draftEditsPerSecond} draft + ${o.publishedEditsPerSecond} published edits/s`;
    const load = `${o.readsPerSecond}/s over ${o.hotPages} pages, ${edits}, ${o.seconds} s`;
    return row([r.setup, load,
      `${((100 * r.hits) / Math.max(1, r.hits + r.misses)).toFixed(1)} %`, r.originPerSecond.toFixed(1), String(r.revalidated304), ms(r.p50), ms(r.p99),
      `${r.reads} reads, ${r.draftEdits} + ${r.publishedEdits} edits, ${r.readErrors + r.writeErrors} errors`]);
  });
  return [row(['purging', 'load', 'Varnish hit ratio', 'origin req/s', 'of which 304', 'read p50 ms', 'read p99 ms', 'done']), row(Array(8).fill('---')),
    ...lines].join('\n');
}
