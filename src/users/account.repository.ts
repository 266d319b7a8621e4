import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';
import { livePendingSql } from './pending-accounts.ts';

/** An account as its changes see it (password, email, deletion). */
export interface AccountRecord {
  id: number;
  username: string;
  email: string;
  passwordHash: string;
  isActive: boolean;
}

/** What a deletion took away: what caches must forget (the user's and recipes' URIs, the image files). */
export interface DeletedRows {
  recipes: Array<{ id: number; isPublish: boolean; cover: string | null }>;
  avatar: string | null;
}

interface Row {
  id: number;
  username: string;
  email: string;
  password_hash: string;
  is_active: boolean;
}

const toRecord = (row: Row): AccountRecord => ({
  id: row.id, username: row.username, email: row.email, passwordHash: row.password_hash, isActive: row.is_active,
});

/** The account's own row: its password, its email, and its deletion with everything that is its. */
export class AccountRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** An active account by username (any case); `lock`: its row locked for the rest of the transaction. */
  async activeByUsername(username: string, lock = false): Promise<AccountRecord | null> {
    const rows = await plainRows<Row>(
      this.em(),
      `select id, username, email, password_hash, is_active from users where lower(username) = ? and is_active${lock ? ' for update' : ''}`,
      [username.toLowerCase()],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Sets the password hash (and activates a pending account: a reset proved the address). */
  async setPassword(id: number, passwordHash: string, activate: boolean): Promise<void> {
    await plainRows(
      this.em(),
      'update users set password_hash = ?, is_active = is_active or ?, version = version + 1, updated_at = now() where id = ?',
      [passwordHash, activate, id],
    );
  }

  async setEmail(id: number, email: string): Promise<void> {
    await plainRows(this.em(), 'update users set email = ?, version = version + 1, updated_at = now() where id = ?', [email, id]);
  }

  /**
   * Another account holding the address (case-insensitively), locked: `live` when it is active or
   * pending within its 7 days; an expired pending one holds it no longer (deleteExpiredHolder frees it).
   */
  async emailHolder(email: string, exceptId: number): Promise<{ id: number; live: boolean } | null> {
    const rows = await plainRows<{ id: number; live: boolean }>(
      this.em(), `select id, ${livePendingSql()} as live from users where lower(email) = ? and id <> ? for update`, [email.toLowerCase(), exceptId],
    );
    return rows[0] ?? null;
  }

  async deleteExpiredHolder(id: number): Promise<void> {
    await plainRows(this.em(), `delete from users where id = ? and not ${livePendingSql()}`, [id]);
  }

  /**
   * Erases the account in the current transaction: every mail to its addresses (pending or sent), its
   * recipes (drafts too: the triggers keep every total right), then its row — its tokens, sessions and
   * links go with it (on delete cascade). Its images are unreferenced from now on: the maintenance job deletes them.
   */
  async erase(id: number): Promise<DeletedRows> {
    const em = this.em();
    await plainRows(em, `delete from mail_outbox where lower(recipient) in (
        select lower(email) from users where id = ? union select lower(new_email) from account_tokens where user_id = ? and new_email is not null)`, [id, id]);
    const recipes = await plainRows<{ id: number; is_publish: boolean; cover: string | null }>(
      em, 'delete from recipes where user_id = ? returning id, is_publish, cover', [id],
    );
    const users = await plainRows<{ avatar: string | null }>(em, 'delete from users where id = ? returning avatar', [id]);
    return {
      recipes: recipes.map((row) => ({ id: Number(row.id), isPublish: row.is_publish, cover: row.cover })),
      avatar: users[0]?.avatar ?? null,
    };
  }
}
