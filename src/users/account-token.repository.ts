import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';

export type AccountTokenPurpose = 'password-reset' | 'email-confirmation';

/** An emailed link of the account (a password reset, an email confirmation) and the account it is for. */
export interface AccountLink {
  userId: number;
  username: string;
  email: string;
  isActive: boolean;
  newEmail: string | null;
  /** Used (or replaced by a newer link) or expired: such a link is gone (410). */
  gone: boolean;
}

interface LinkRow {
  user_id: number;
  username: string;
  email: string;
  is_active: boolean;
  new_email: string | null;
  gone: boolean;
}

const toLink = (row: LinkRow): AccountLink => ({
  userId: row.user_id, username: row.username, email: row.email, isActive: row.is_active, newEmail: row.new_email, gone: row.gone,
});

/** account_tokens, read and consumed by their SHA-256 hash (written by mailed-link.repository.ts). */
export class AccountTokenRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** The link behind a hash, and whether it is gone; null when there is none (decoys have no account: never found). */
  async find(purpose: AccountTokenPurpose, tokenHash: string): Promise<AccountLink | null> {
    const rows = await plainRows<LinkRow>(
      this.em(),
      `select t.user_id, u.username, u.email, u.is_active, t.new_email, (t.used_at is not null or t.expires_at <= now()) as gone
         from account_tokens t join users u on u.id = t.user_id where t.token_hash = ? and t.purpose = ?`,
      [tokenHash, purpose],
    );
    return rows[0] ? toLink(rows[0]) : null;
  }

  /**
   * Marks a pending link used, atomically (of two concurrent uses exactly one wins), and locks its
   * account's row for the rest of the transaction; null when it is unknown or gone.
   */
  async consume(purpose: AccountTokenPurpose, tokenHash: string): Promise<AccountLink | null> {
    const rows = await plainRows<LinkRow>(
      this.em(),
      `with used as (update account_tokens set used_at = now()
          where token_hash = ? and purpose = ? and used_at is null and expires_at > now() and user_id is not null
          returning user_id, new_email)
       select u.id as user_id, u.username, u.email, u.is_active, used.new_email, false as gone
         from used join users u on u.id = used.user_id for update of u`,
      [tokenHash, purpose],
    );
    return rows[0] ? toLink(rows[0]) : null;
  }

  /** Every unused link of the account for this purpose stops working. */
  async retireUnused(userId: number, purpose: AccountTokenPurpose): Promise<void> {
    await plainRows(this.em(), 'update account_tokens set used_at = now() where user_id = ? and purpose = ? and used_at is null', [userId, purpose]);
  }
}
