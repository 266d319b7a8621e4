/**
 * How long the API waits for the database (API.md §10): when it stops answering — a partition, a hung
 * server; TCP accepted, nothing answered — a request gets its 503 within 5 seconds, also on a
 * connection already in the pool, where a server-side statement_timeout can never fire.
 */
export interface DatabaseTimeouts {
  /** Server-side statement_timeout: PostgreSQL cancels a slow statement, the connection stays usable. */
  statementMs?: number;
  /** Client-side: a query without an answer after this fails, and its connection is cut (then replaced). */
  queryMs?: number;
  /** Server-side: a session idle inside a transaction (its client gone) is ended, and its locks released. */
  idleInTransactionMs?: number;
  /** Waiting for a connection of the pool, making a new one included. */
  acquireMs: number;
  /** Opening a connection: TCP and PostgreSQL's startup. */
  connectMs: number;
}

/**
 * While serving: a statement gets 2 s (the slowest the benchmark sees at 1M recipes is ~0.6 s) and its
 * answer 2.5 s; a request waits at most 2.5 s for a connection. A silent database is a 503 after about
 * 2.5 s whichever of these it meets; the client-side bound stays above the server's, so a slow
 * statement is cancelled by PostgreSQL and keeps its connection.
 */
export const SERVING_TIMEOUTS: DatabaseTimeouts = { statementMs: 2000, queryMs: 2500, idleInTransactionMs: 10_000, acquireMs: 2500, connectMs: 2000 };

/** While migrating at start (and for the CLI): no statement bound (an index on a large table takes its time). */
export const MIGRATION_TIMEOUTS: DatabaseTimeouts = { acquireMs: 10_000, connectMs: 5000 };

/** The one session of the embedded database is shared: no session settings; the client-side bounds hold. */
export function forEmbedded(timeouts: DatabaseTimeouts): DatabaseTimeouts {
  const { queryMs, acquireMs, connectMs } = timeouts;
  return { acquireMs, connectMs, ...(queryMs !== undefined && { queryMs }) };
}

/** node-postgres's client settings for these bounds (TCP keepalive too: a peer gone silent is noticed on idle connections). */
export function clientSettings(timeouts: DatabaseTimeouts): Record<string, number | boolean> {
  return {
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    connectionTimeoutMillis: timeouts.connectMs,
    ...(timeouts.queryMs && { query_timeout: timeouts.queryMs }),
    ...(timeouts.statementMs && { statement_timeout: timeouts.statementMs }),
    ...(timeouts.idleInTransactionMs && { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs }),
  };
}

/** The parts of node-postgres's Client this module touches. */
export interface PgClientLike {
  query(...args: unknown[]): unknown;
  end(): Promise<void>;
}

/**
 * node-postgres fails a query that got no answer within query_timeout but keeps its connection,
 * with the silent query still on it: the next query there (the transaction's ROLLBACK, the next
 * request's) would wait as long again. Cut it instead: the pool then replaces it, and what was still
 * to run on it fails at once as a cut connection (503).
 */
export function cutWhenSilent(client: PgClientLike): void {
  const query = client.query.bind(client);
  // end() with a query still active destroys the socket, and at once refuses every later query
  // ("Client was closed"), so the pool cannot hand the dead connection to anybody.
  const cutOn = (error: unknown) => {
    if (error instanceof Error && error.message === 'Query read timeout') client.end().catch(() => undefined);
  };
  client.query = (...args: unknown[]) => {
    const at = args.findIndex((arg) => typeof arg === 'function');
    if (at > 0) {
      const callback = args[at] as (error: Error | null, result?: unknown) => void;
      args[at] = (error: Error | null, result?: unknown) => {
        cutOn(error);
        callback(error, result);
      };
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(cutOn); // the caller still gets the rejection
    return result;
  };
}
