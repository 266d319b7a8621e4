/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and tells where the busy time of a time window went,
 * by package (node_modules/<package>), source file of this repository, or V8 activity (GC, socket
 * writes). Used by `npm run bench -- --profile` per scenario; also a CLI for a whole profile:
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string } }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function owner(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return `(${functionName.replace(/[()]/g, '')})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith(ROOT) ? path.slice(ROOT.length) : path;
}

export function loadProfile(file: string): Profile {
  return JSON.parse(readFileSync(file, 'utf8')) as Profile;
}

/**
 * Busy time in [fromUs, toUs] (the profile's clock: monotonic microseconds, the same as
 * process.hrtime in any process of this machine), by owner, largest first, as percentages.
 */
export function busyByOwner(profile: Profile, fromUs = profile.startTime, toUs = profile.endTime): { busyMs: number; shares: Array<[string, number]> } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let busy = 0;
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    if (time < fromUs || time > toUs) continue;
    const node = nodes.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)') continue;
    const spent = profile.timeDeltas[i + 1] ?? 0;
    busy += spent;
    const key = owner(node);
    totals.set(key, (totals.get(key) ?? 0) + spent);
  }
  const shares = [...totals].sort((a, b) => b[1] - a[1]).map(([key, us]): [string, number] => [key, busy ? (100 * us) / busy : 0]);
  return { busyMs: busy / 1000, shares };
}

export function formatShares(shares: Array<[string, number]>, top = 8): string {
  return shares.slice(0, top).map(([key, pct]) => `${pct.toFixed(0)}% ${key}`).join(', ');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const [file, top = '30'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const { busyMs, shares } = busyByOwner(loadProfile(file));
  console.log(`busy ${busyMs.toFixed(0)} ms`);
  for (const [key, pct] of shares.slice(0, Number(top))) console.log(`${pct.toFixed(1).padStart(5)}%  ${key}`);
}
