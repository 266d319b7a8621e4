/**
 * CPU pinning, the way the independent run measured (server on one core, PostgreSQL on the other), so
 * that API ÷ baseline compares two servers that each had exactly one core:
 * - the server under test (API or baseline) is started under `taskset -c 0` (every thread: libuv's pool,
 *   V8's GC helpers);
 * - the load generator (this process: autocannon runs in it) and the PostgreSQL backends that serve the
 *   bench database are moved to core 1 (`taskset -a -p -c 1 <pid>`), after each warm-up so that the
 *   backends the pools opened during it are pinned too.
 * What is NOT pinned: the postmaster and PostgreSQL's shared background processes (WAL writer,
 * checkpointer, autovacuum…): this PostgreSQL serves the other engineers on this machine too, and
 * pinning those would confine their work to one core. Neither is anybody else's work: the machine is
 * shared, so core 0 is not the server's alone — which is why ratios in one run, not absolute req/s,
 * are the result.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';

export interface Pinning { server: string; rest: string }

/** Core 0 for the server, core 1 for the rest; none on a 1-core machine or with --no-pin. */
export function pinningFor(disabled: boolean): Pinning | undefined {
  if (disabled || os.availableParallelism() < 2) return undefined;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return undefined; // no taskset (util-linux) here
  }
  return { server: '0', rest: '1' };
}

/** Pins every thread of a process; false when it is gone or not ours. */
export function pin(pid: number, cpus: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Pins the backends connected to the database of `url` (not this query's own). Returns how many. */
export async function pinBackends(url: string, cpus: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(`select pid from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`);
    return rows.filter((row) => pin(row.pid, cpus)).length;
  } finally {
    await client.end();
  }
}

/** The command prefix that starts a process pinned (`taskset -c <cpus>`), or nothing. */
export const pinnedCommand = (pinning: Pinning | undefined): string[] => (pinning ? ['taskset', '-c', pinning.server] : []);
