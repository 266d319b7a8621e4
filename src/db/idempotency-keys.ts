import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../core/app-error.ts';
import { IDEMPOTENCY_KEY_HOURS, type IdempotencyClaim } from '../core/idempotency.ts';
import { plainRows } from './plain-sql.ts';

/** The first key of the advisory locks of Idempotency-Keys (the second: a hash of account and key). */
const LOCK_SPACE = 19_061_206;
const LIVE = `created_at > now() - interval '${IDEMPOTENCY_KEY_HOURS} hours'`;

/** What a creating request makes: the value to answer with, and the id that finds it again. */
export interface Created<T> {
  value: T;
  id: string | number;
}

/**
 * Idempotency-Keys in PostgreSQL (API.md §10), so they hold on every instance and across restarts.
 * A key is stored in the same transaction as what its request creates: committed together, or not
 * at all — also when the answer is lost after the COMMIT (a 503), the retry finds it.
 */
export class IdempotencyKeys {
  constructor(private readonly em: () => EntityManager) {}

  /**
   * Runs `create` once per account and key, inside the caller's transaction: a retry with the same
   * request gets `replay` of what the first created; the same key for another request is a 422; a
   * retry while the first is still running (its transaction holds the key's lock) is a 409.
   */
  async once<T>(claim: IdempotencyClaim | undefined, create: () => Promise<Created<T>>, replay: (id: string) => Promise<T>): Promise<T> {
    if (!claim) return (await create()).value;
    const name = `${claim.accountId}:${claim.key}`;
    const [lock] = await plainRows<{ locked: boolean }>(this.em(), 'select pg_try_advisory_xact_lock(?, hashtext(?)) as locked', [LOCK_SPACE, name]);
    if (!lock?.locked) {
      throw new AppError('idempotency-key-in-progress', 'A request with this Idempotency-Key is still being processed; retry when it is done.', {
        headers: { 'Retry-After': '1' },
      });
    }
    const [first] = await plainRows<{ request_hash: string; resource_id: string }>(this.em(),
      `select request_hash, resource_id from idempotency_keys where user_id = ? and key = ? and ${LIVE}`, [claim.accountId, claim.key]);
    if (first) {
      if (first.request_hash !== claim.fingerprint) {
        throw new AppError('idempotency-key-reused', 'This Idempotency-Key was already used for another request (another body or target) '
          + `in the last ${IDEMPOTENCY_KEY_HOURS} hours; send a fresh key for a new request.`);
      }
      return replay(first.resource_id);
    }
    const created = await create();
    // An expired key of the same name, not swept yet, is replaced.
    await plainRows(this.em(), `insert into idempotency_keys (user_id, key, request_hash, resource_id) values (?, ?, ?, ?)
      on conflict (user_id, key) do update set request_hash = excluded.request_hash, resource_id = excluded.resource_id, created_at = now()`,
    [claim.accountId, claim.key, claim.fingerprint, String(created.id)]);
    return created.value;
  }
}
