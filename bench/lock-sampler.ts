/**
 * Samples pg_stat_activity every ~10 ms while writers run: how many of the database's client backends
 * wait for a heavyweight lock (wait_event_type = 'Lock': another transaction holds the row), on which
 * relation (the not-granted tuple locks name it; the first waiter of a row waits on the holder's
 * transactionid), and how many are in a transaction at all. The sampler connects to the `postgres`
 * database (pg_stat_activity and pg_locks are cluster-wide), so that its own backend is not among those
 * whose CPU the benchmark counts; relation oids are named at the end.
 */
import pg from 'pg';

export interface LockSample {
  samples: number;
  /** Σ over samples of the backends waiting for a Lock ÷ (samples × writers): the writers' time spent waiting. */
  shareOfWriters: number;
  /** The same ÷ Σ of backends in a transaction (active or idle in transaction): their time in PostgreSQL. */
  shareOfBusy: number;
  /** wait_event of the Lock waits (transactionid, tuple, …), in samples. */
  events: Record<string, number>;
  /** Relations of not-granted locks, in samples. */
  relations: Record<string, number>;
}

const SAMPLE = `with db as (select oid from pg_database where datname = $1)
select
  count(*) filter (where a.wait_event_type = 'Lock')::int as waiting,
  count(*) filter (where a.state = 'active' or a.state like 'idle in transaction%')::int as busy,
  coalesce(json_object_agg(a.wait_event, 1) filter (where a.wait_event_type = 'Lock'), '{}') as events,
  (select coalesce(json_agg(distinct l.relation), '[]') from pg_locks l
     where not l.granted and l.relation is not null and l.database = (select oid from db)) as relations
from pg_stat_activity a
where a.datname = $1 and a.backend_type = 'client backend'`;

export function sampleLocks(databaseUrl: string, writers: number): { stop(): Promise<LockSample> } {
  const admin = new URL(databaseUrl);
  const database = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  const oids: Record<string, number> = {};
  const result: LockSample = { samples: 0, shareOfWriters: 0, shareOfBusy: 0, events: {}, relations: {} };
  let waiting = 0;
  let busy = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const next = performance.now() + 10;
      const { rows: [row] } = await client.query(SAMPLE, [database]);
      result.samples++;
      waiting += row.waiting;
      busy += row.busy;
      for (const event of Object.keys(row.events)) result.events[event] = (result.events[event] ?? 0) + 1;
      for (const oid of row.relations as number[]) oids[oid] = (oids[oid] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const names = new pg.Client({ connectionString: databaseUrl });
      await names.connect();
      for (const [oid, count] of Object.entries(oids)) {
        const { rows: [named] } = await names.query('select $1::oid::regclass::text as name', [oid]);
        result.relations[named?.name ?? oid] = count;
      }
      await names.end();
      result.shareOfWriters = result.samples ? waiting / (result.samples * writers) : 0;
      result.shareOfBusy = busy ? waiting / busy : 0;
      return result;
    },
  };
}
