import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';
import { livePendingSql } from '../users/pending-accounts.ts';

/** How long a used or expired activation link still answers 410 (rather than 404), and a sent mail is kept. */
const KEEP_DAYS = 7;
const BATCH = 1000;

/**
 * The maintenance job's deletions of rows nobody needs any more. Each statement deletes one batch
 * (the job repeats until a batch comes back short), so no sweep holds many locks for long; several
 * instances may run them at once (a row deleted by one is simply not there for the other).
 */
export class MaintenanceRepository {
  constructor(private readonly em: () => EntityManager) {}

  private async deleteBatch(table: string, where: string): Promise<number> {
    const rows = await plainRows<{ id: number }>(
      this.em(),
      `delete from ${table} where id in (select id from ${table} where ${where} limit ${BATCH} for update skip locked) returning id`,
    );
    return rows.length;
  }

  /** Accounts never activated in time (API.md §3): their username and email are free again; their tokens go with them. */
  expiredPendingAccounts(): Promise<number> {
    return this.deleteBatch('users', `not is_active and not ${livePendingSql()}`);
  }

  /** Refresh tokens past their expiry: refused anyway, and reuse detection needs only live families. */
  expiredRefreshTokens(): Promise<number> {
    return this.deleteBatch('refresh_tokens', 'expires_at < now()');
  }

  activationTokensDone(): Promise<number> {
    return this.deleteBatch('activation_tokens', `coalesce(used_at, expires_at) < now() - interval '${KEEP_DAYS} days'`);
  }

  /** Password-reset and email-confirmation links (and their decoys) a week after their use or expiry. */
  accountTokensDone(): Promise<number> {
    return this.deleteBatch('account_tokens', `coalesce(used_at, expires_at) < now() - interval '${KEEP_DAYS} days'`);
  }

  /** Logins that ended or expired (their refresh tokens go with them): no longer listed, nothing refers to them. */
  sessionsDone(): Promise<number> {
    return this.deleteBatch('sessions', 'coalesce(ended_at, expires_at) < now()');
  }

  deliveredMail(): Promise<number> {
    return this.deleteBatch('mail_outbox', `sent_at < now() - interval '${KEEP_DAYS} days'`);
  }

  static readonly batch = BATCH;
}
