import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What the operations listener exposes (API.md §13). Every label value is bounded: an action id of
 * the API's tables (or one of a few fixed names), a status class, a rate-limit policy, a method.
 */
export interface Metrics {
  /** One answered request of the public API: its action, status and duration. */
  request(action: string, status: number, seconds: number): void;
  /** The counter of one rate-limit policy's refusals (429), made once per policy. */
  refusals(policy: string): () => void;
  /** A PURGE (of cache tags) sent to the shared cache (once it is answered or given up), and whether it failed. */
  purge(method: 'PURGE', failed: boolean): void;
  /** The Prometheus text exposition, read now. */
  exposition(): Promise<{ contentType: string; body: string }>;
}

/** Without METRICS_PORT nobody can read metrics, so nothing is counted: no cost per request. */
export const NO_METRICS: Metrics = {
  request: () => undefined,
  refusals: () => () => undefined,
  purge: () => undefined,
  exposition: () => Promise.reject(new Error('metrics are off (no METRICS_PORT)')),
};

export interface PoolUsage { inUse: number; idle: number; waiting: number; max: number }
export interface OutboxUsage { depth: number; oldestAgeSeconds: number }

/** What is read at scrape time, cheaply: the mail outbox (one indexed query) and the database pool. */
export interface MetricSources {
  /** Every action label that can occur, counted from zero (so that the first 5xx shows in `increase()`). */
  actions: readonly string[];
  outbox(): Promise<OutboxUsage>;
  pool(): PoolUsage;
  /** The readiness checks of /health/ready, by dependency (database, redis, storage): whether each answers. */
  readiness(): Promise<Record<string, boolean>>;
}

const CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];
const classOf = (status: number) => CLASSES[Math.floor(status / 100) - 1] ?? '5xx';
/** Below Prometheus's default scrape timeout (10 s) with the readiness checks' own 3 s. */
const SCRAPE_READ_TIMEOUT_MS = 4000;

/**
 * A read shared by the gauges of one scrape (they ask for it at once), bounded in time: a database that
 * does not answer gives `fallback` (NaN: unknown) rather than a scrape that hangs or fails.
 */
function sharedRead<T>(read: () => Promise<T>, fallback: T): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    if (inFlight) return inFlight;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<T>((resolve) => { timer = setTimeout(() => resolve(fallback), SCRAPE_READ_TIMEOUT_MS); });
    inFlight = Promise.race([read().catch(() => fallback), timeout]).finally(() => {
      clearTimeout(timer);
      inFlight = undefined;
    });
    return inFlight;
  };
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'smilecook_http_requests_total', help: 'Requests answered, by action and status class.', labelNames: ['action', 'status'], registers,
  });
  const duration = new Histogram({
    name: 'smilecook_http_request_duration_seconds', help: 'Time from the request to the end of its answer, by action.',
    labelNames: ['action'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
  });
  const counter = (name: string, help: string, label: string) => new Counter({ name, help, labelNames: [label], registers });
  const notModified = counter('smilecook_http_not_modified_total', '304 Not Modified answers, by action.', 'action');
  const refused = counter('smilecook_rate_limit_refusals_total', '429 answers, by rate-limit policy.', 'policy');
  const purges = counter('smilecook_cache_purges_total', 'PURGE requests (cache tags) sent to the shared cache.', 'method');
  const purgeFailures = counter('smilecook_cache_purge_failures_total', 'PURGE requests (cache tags) that failed or timed out.', 'method');
  for (const action of sources.actions) for (const status of CLASSES.slice(1)) requests.inc({ action, status }, 0);
  for (const method of ['PURGE']) {
    purges.inc({ method }, 0);
    purgeFailures.inc({ method }, 0);
  }

  const outbox = sharedRead(sources.outbox, { depth: Number.NaN, oldestAgeSeconds: Number.NaN });
  new Gauge({
    name: 'smilecook_mail_outbox_depth', help: 'Mails not sent yet.', registers,
    async collect() { this.set((await outbox()).depth); },
  });
  new Gauge({
    name: 'smilecook_mail_outbox_oldest_age_seconds', help: 'Age of the oldest mail not sent yet (0 when none).', registers,
    async collect() { this.set((await outbox()).oldestAgeSeconds); },
  });
  const pool = (name: string, help: string, read: (usage: PoolUsage) => number) =>
    new Gauge({ name, help, registers, collect() { this.set(read(sources.pool())); } });
  pool('smilecook_db_pool_connections_in_use', 'Database connections lent out now.', (usage) => usage.inUse);
  pool('smilecook_db_pool_connections_idle', 'Database connections open and free.', (usage) => usage.idle);
  pool('smilecook_db_pool_connections_max', 'The pool\'s size limit.', (usage) => usage.max);
  pool('smilecook_db_pool_waiting', 'Requests waiting for a database connection.', (usage) => usage.waiting);

  const readiness = sharedRead(sources.readiness, {});
  new Gauge({
    name: 'smilecook_dependency_up', help: 'Whether a dependency answers its readiness check now.', labelNames: ['dependency'], registers,
    async collect() {
      for (const [name, answers] of Object.entries(await readiness())) this.set({ dependency: name }, answers ? 1 : 0);
    },
  });
  new Gauge({
    name: 'smilecook_ready', help: 'Whether /health/ready would answer 200 now (1) or 503 (0).', registers,
    async collect() {
      const up = Object.values(await readiness());
      this.set(up.length > 0 && up.every(Boolean) ? 1 : 0);
    },
  });

  return {
    request(action, status, seconds) {
      requests.inc({ action, status: classOf(status) });
      duration.observe({ action }, seconds);
      if (status === 304) notModified.inc({ action });
    },
    refusals(policy) {
      refused.inc({ policy }, 0);
      return () => refused.inc({ policy });
    },
    purge(method, failed) {
      purges.inc({ method });
      if (failed) purgeFailures.inc({ method });
    },
    async exposition() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
