/** A non-node process of the topology benchmark (nginx, varnishd): started, waited for, its CPU read, stopped. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpuTimeMs } from './processes.ts';

export interface External {
  name: string;
  pid: number;
  /** The process and all its descendants now (nginx's workers, varnishd's cache child). */
  pids(): number[];
  /** CPU (ms) of the process tree so far; children that exited are not counted. */
  cpuMs(): number;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Every descendant of a process, from /proc (the 4th field of /proc/<pid>/stat is the parent). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      parent.set(Number(entry), Number(stat[1]));
    } catch { /* gone */ }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, ppid] of parent) if (ppid === found[i]) found.push(pid);
  return found;
}

export async function waitForHttp(url: string, ok: (status: number) => boolean, seconds = 30, exited?: () => boolean): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last = '';
  while (Date.now() < deadline) {
    if (exited?.()) throw new Error(`exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (ok(response.status)) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer as expected within ${seconds} s (${last})`);
}

export async function startExternal(name: string, command: string, args: string[], readyUrl: string,
  ready: (status: number) => boolean = (s) => s < 500): Promise<External> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => { log = (log + chunk.toString()).slice(-4000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const spawned = await new Promise<boolean>((resolve) => { child.once('spawn', () => resolve(true)); child.once('error', () => resolve(false)); });
  if (!spawned) throw new Error(`${name}: ${command} could not be started`);
  try {
    await waitForHttp(readyUrl, ready, 30, () => child.exitCode !== null);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name}: ${(error as Error).message}\n${log}`, { cause: error });
  }
  const pid = child.pid!;
  return {
    name, pid,
    pids: () => descendants(pid),
    cpuMs: () => descendants(pid).reduce((sum, p) => sum + cpuTimeMs(p), 0),
    output: () => log,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
