/**
 * An `Idempotency-Key` claim (draft-ietf-httpapi-idempotency-key-header, API.md §10): the account that
 * sent it, the key, and a fingerprint of what the request asks for. The first request with a key
 * stores it in the same transaction as what it creates; a retry by the same account gets that
 * resource again instead of a second one.
 */
export interface IdempotencyClaim {
  accountId: number;
  /** 1–255 printable ASCII characters. */
  key: string;
  /** A hash of the method, the target and the body: the same key for another request is refused. */
  fingerprint: string;
}

/** How long a key is remembered (the maintenance job deletes older ones). */
export const IDEMPOTENCY_KEY_HOURS = 24;
