/** The targets of issue 5, computed from a run (and, across N, from the saved runs at 10k and 1M). */
import { answered, find, int, ms, type RunRecord } from './report.ts';

export interface Target { name: string; measured: string; met: boolean | null }

function crossN(name: string, scenario: string, small?: RunRecord, large?: RunRecord): Target {
  const a = small && find(small, scenario)?.result;
  const b = large && find(large, scenario)?.result;
  if (!a || !b) {
    const have = [small && '10k', large && '1M'].filter(Boolean).join(', ') || 'none';
    return { name, measured: `n/a: needs this scenario at 10k and at 1M (results: ${have})`, met: null };
  }
  if (!answered(a) || !answered(b)) return { name, measured: `no successful answers at ${answered(a) ? '1M' : '10k'}`, met: false };
  const factor = b.p99 / a.p99;
  return { name, measured: `${factor.toFixed(2)}× (${ms(b.p99)} ms at 1M vs ${ms(a.p99)} ms at 10k)`, met: factor <= 1.25 };
}

/** The targets of issue 5, each with the measured value and met / NOT met (null: cannot tell yet). */
export function targets(record: RunRecord, small?: RunRecord, large?: RunRecord): Target[] {
  const list: Target[] = [];
  const api = find(record, 'page1')?.result;
  const base = find(record, 'page1', 'baseline')?.result;
  const na = (name: string, why: string) => list.push({ name, measured: `n/a: ${why}`, met: null });
  if (api && base && !answered(api)) {
    list.push({ name: 'Anonymous page: req/s ≥ 60 % of the baseline', met: false, measured: `no successful answers (${api.errors} errors)` });
    list.push({ name: 'Anonymous page: p99 ≤ 1.5× the baseline', met: false, measured: 'no successful answers' });
  } else if (api && base) {
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
  if (revalidate && api && (!answered(revalidate) || !answered(api))) {
    const which = answered(revalidate) ? 'the full page' : 'the 304';
    list.push({ name: '304 revalidation: req/s ≥ 2× the full page', met: false, measured: `no successful answers to ${which}` });
  } else if (revalidate && api) {
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
