import type { TestServer } from './test-server.ts';

/** One sample line of a Prometheus text exposition: `name{a="x",b="y"} value`. */
export interface Sample { name: string; labels: Record<string, string>; value: number }

/** Every sample of an exposition (comments and blank lines left out). */
export function samples(exposition: string): Sample[] {
  return exposition.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    return { name: match[1]!, labels, value: Number(match[3]) };
  });
}

/** The value of the sample with this name and (at least) these labels; undefined when there is none. */
export function valueOf(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  return samples(exposition).find((sample) => sample.name === name
    && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))?.value;
}

/** GET /metrics from the server's operations listener (METRICS_PORT). */
export async function scrape(server: TestServer): Promise<string> {
  if (!server.metricsUrl) throw new Error('the server has no operations listener (METRICS_PORT)');
  const res = await fetch(`${server.metricsUrl}/metrics`);
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}
