/**
 * The targets of issues 5 and 12, as ratios within one run (absolute req/s moves 2–3× day to day on
 * these shared machines; ratios measured side by side do not), plus p99 across N from the saved runs
 * at 10k and 1M. Every baseline ratio is against the baseline that runs the API's own SQL.
 */
import type { LoadResult } from './load.ts';
import { answered, find, int, ms, type Row, type RunRecord } from './report.ts';

export interface Target { name: string; measured: string; met: boolean | null }

type Server = Row['server'];
const result = (record: RunRecord, scenario: string, server: Server = 'API') => find(record, scenario, server)?.result;

function crossN(name: string, scenario: string, small?: RunRecord, large?: RunRecord): Target {
  const a = small && result(small, scenario);
  const b = large && result(large, scenario);
  if (!a || !b) {
    const have = [small && '10k', large && '1M'].filter(Boolean).join(', ') || 'none';
    return { name, measured: `n/a: needs this scenario at 10k and at 1M (results: ${have})`, met: null };
  }
  if (!answered(a) || !answered(b)) return { name, measured: `no successful answers at ${answered(a) ? '1M' : '10k'}`, met: false };
  const factor = b.p99 / a.p99;
  return { name, measured: `${factor.toFixed(2)}× (${ms(b.p99)} ms at 1M vs ${ms(a.p99)} ms at 10k)`, met: factor <= 1.25 };
}

/** req/s of one measurement ÷ another's, against a minimum share. */
function share(name: string, minimum: number, top: LoadResult | undefined, bottom: LoadResult | undefined,
  missing = 'not measured on both sides'): Target {
  if (!top || !bottom) return { name, measured: `n/a: ${missing}`, met: null };
  if (!answered(top) || !answered(bottom)) return { name, measured: 'no successful answers', met: false };
  const value = top.rps / bottom.rps;
  const text = minimum >= 2 ? `${value.toFixed(2)}×` : `${(value * 100).toFixed(0)} %`;
  return { name, measured: `${text} (${int(top.rps)} vs ${int(bottom.rps)} req/s)`, met: value >= minimum };
}

export function targets(record: RunRecord, small?: RunRecord, large?: RunRecord): Target[] {
  const list: Target[] = [];
  const page = result(record, 'page1');
  const basePage = result(record, 'page1', 'baseline');
  list.push(share('Anonymous page: req/s ≥ 75 % of the baseline', 0.75, page, basePage));
  if (page && basePage && answered(page) && answered(basePage)) {
    const factor = page.p99 / basePage.p99;
    const measured = `${factor.toFixed(2)}× (${ms(page.p99)} vs ${ms(basePage.p99)} ms)`;
    list.push({ name: 'Anonymous page: p99 ≤ 1.5× the baseline', met: factor <= 1.5, measured });
  } else list.push({ name: 'Anonymous page: p99 ≤ 1.5× the baseline', measured: 'n/a: page 1 not answered on both servers', met: null });
  list.push(share('One recipe: req/s ≥ 70 % of the baseline', 0.7, result(record, 'recipe'), result(record, 'recipe', 'baseline')));
  const full = (scenario: string) => result(record, scenario);
  for (const [id, what] of [['revalidate', 'a page'], ['revalidate-recipe', 'one recipe']] as const) {
    const target = share(`304 for ${what}: req/s ≥ 4× the API's full page`, 4, result(record, id), page, 'needs the 304 and page-1 scenarios');
    const own = id === 'revalidate-recipe' ? full('recipe') : undefined;
    if (own && answered(own) && result(record, id)) target.measured += `; ${(result(record, id)!.rps / own.rps).toFixed(2)}× the full recipe`;
    list.push(target);
  }
  list.push(share('Search (100 matches): req/s ≥ 80 % of the baseline (same trigram query)', 0.8,
    result(record, 'search100'), result(record, 'search100', 'baseline')));
  list.push(share('Authenticated page: req/s ≥ 90 % of the anonymous page', 0.9, result(record, 'auth-page'), page));
  const login = result(record, 'login');
  if (login && 'rate' in record.argon2) {
    const value = login.rps / record.argon2.rate;
    list.push({ name: 'Login: ≥ 90 % of the raw argon2id rate', met: value >= 0.9,
      measured: `${(value * 100).toFixed(0)} % (${login.rps.toFixed(1)} logins/s vs ${record.argon2.rate.toFixed(1)} hashes/s)` });
  } else list.push({ name: 'Login: ≥ 90 % of the raw argon2id rate', measured: 'n/a: the login scenario did not run', met: null });
  const ran = record.rows.filter((row) => row.server === 'API' && row.result);
  const of = `${ran.length} of ${record.rows.filter((row) => row.server === 'API').length} API scenarios ran`;
  if (ran.length === 0) {
    for (const name of ['Server RSS under load < 200 MB', 'No errors', 'No event-loop stall > 100 ms']) list.push({ name, measured: `n/a: ${of}`, met: null });
  } else {
    const rss = Math.max(...ran.map((row) => row.peakRssMb ?? 0));
    list.push({ name: 'Server RSS under load < 200 MB', met: rss < 200, measured: `peak ${rss.toFixed(0)} MB (${of})` });
    const loops = ran.map((row) => row.loopMaxMs).filter((v): v is number => typeof v === 'number');
    const worst = Math.max(...loops);
    list.push(loops.length ? { name: 'No event-loop stall > 100 ms', met: worst <= 100, measured: `longest ${ms(worst)} ms (${of})` }
      : { name: 'No event-loop stall > 100 ms', measured: 'n/a: the loop probe did not answer', met: null });
    const errors = ran.reduce((sum, row) => sum + row.result!.errors, 0);
    list.push({ name: 'No errors', met: errors === 0, measured: `${errors} (${of})` });
  }
  list.push(crossN('Page 1: p99 at 1M ≤ 1.25× at 10k', 'page1', small, large));
  list.push(crossN('One recipe: p99 at 1M ≤ 1.25× at 10k', 'recipe', small, large));
  list.push(crossN('Search (100 matches): p99 at 1M ≤ 1.25× at 10k', 'search100', small, large));
  return list;
}

export function targetTable(list: Target[]): string {
  const mark = (met: boolean | null) => (met === null ? '–' : met ? 'met' : '**NOT met**');
  const lines = list.map((t) => `| ${t.name} | ${t.measured} | ${mark(t.met)} |`);
  return ['| target | measured | |', '| --- | --- | --- |', ...lines].join('\n');
}
