/** CPU per request of every process that served a measurement (topology benchmark): µs per request each. */
import { backendCpu, backendCpuSince } from './bench-db.ts';

/** A process (or process tree) whose CPU time so far can be read, in ms. */
export interface CpuSource { name: string; cpuMs(): number }

export interface CpuShares { [name: string]: number }

/** This process: the load generator (autocannon and the writers run in it). */
export const loadGenerator: CpuSource = {
  name: 'load generator',
  cpuMs: () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; },
};

/** Runs `work` and returns its result with the CPU µs per `count(result)` of each source and of PostgreSQL's backends. */
export async function withCpu<T>(
  databaseUrl: string, sources: CpuSource[], work: () => Promise<T>, count: (result: T) => number,
): Promise<{ result: T; cpu: CpuShares }> {
  const db = await backendCpu(databaseUrl);
  const before = sources.map((source) => source.cpuMs());
  const result = await work();
  const after = sources.map((source) => source.cpuMs());
  const dbMs = await backendCpuSince(databaseUrl, db);
  const n = Math.max(1, count(result));
  const cpu: CpuShares = {};
  sources.forEach((source, i) => { cpu[source.name] = ((after[i]! - before[i]!) * 1000) / n; });
  cpu.PostgreSQL = (dbMs * 1000) / n;
  return { result, cpu };
}

/** "API 1 420 · nginx 80 · PostgreSQL 400 (total 900)" in µs per request. */
export function formatCpu(cpu: CpuShares): string {
  const entries = Object.entries(cpu);
  const total = entries.filter(([name]) => name !== 'load generator').reduce((sum, [, us]) => sum + us, 0);
  return `${entries.map(([name, us]) => `${name} ${Math.round(us)}`).join(' · ')} (server side ${Math.round(total)})`;
}
