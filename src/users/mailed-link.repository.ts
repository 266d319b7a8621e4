import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';
import type { Mail } from '../mail/mail.ts';

/** The emailed links: activation (activation_tokens) and the account's own (account_tokens, by purpose). */
export type LinkKind = 'activation' | 'password-reset' | 'email-confirmation';

/** An account as the flows that mail it see it, found by its address. */
export interface AddressOwner {
  id: number;
  username: string;
  email: string;
  isActive: boolean;
  createdAt: Date;
}

/** One link and its mail, each real or a decoy: the same statement writes both alike. */
export interface LinkRow {
  kind: LinkKind;
  /** null: a decoy link (no account, used on arrival: never usable). */
  userId: number | null;
  newEmail: string | null;
  tokenHash: string;
  expiresAt: Date;
  /** null: a mail to send; otherwise a decoy row, "sent" already, with no recipient nor text. */
  mail: Mail | null;
}

/**
 * Retire the account's older unused links of the kind, insert the new link, queue the mail: ONE
 * statement (one round trip, one commit), the same text for a real link and a decoy — only the values
 * differ. (`user_id = null` retires nothing; the decoy rows are swept by the maintenance job.)
 */
const ISSUE = {
  activation: `with retired as (update activation_tokens set used_at = now() where user_id = ? and used_at is null returning 1),
    link as (insert into activation_tokens (user_id, token_hash, created_at, expires_at, used_at) values (?, ?, now(), ?, ?) returning 1),`,
  account: `with retired as (update account_tokens set used_at = now() where user_id = ? and purpose = ? and used_at is null returning 1),
    link as (insert into account_tokens (purpose, user_id, new_email, token_hash, expires_at, used_at) values (?, ?, ?, ?, ?, ?) returning 1),`,
};
const QUEUE = `mail as (insert into mail_outbox (recipient, subject, text_body, sent_at) values (?, ?, ?, ?) returning 1)
  select (select count(*) from retired) as retired, (select count(*) from link) as links, (select count(*) from mail) as mails`;

/** The rows behind "same answer, same work" (mailed-links.ts): the only code that writes emailed links. */
export class MailedLinkRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** The account (active or pending) that has this address, compared case-insensitively. */
  async ownerOf(email: string): Promise<AddressOwner | null> {
    const rows = await plainRows<{ id: number; username: string; email: string; is_active: boolean; created_at: Date }>(
      this.em(), 'select id, username, email, is_active, created_at from users where lower(email) = ? limit 1', [email.toLowerCase()],
    );
    const row = rows[0];
    return row ? { id: row.id, username: row.username, email: row.email, isActive: row.is_active, createdAt: new Date(row.created_at) } : null;
  }

  async write(row: LinkRow): Promise<void> {
    const decoyAt = new Date();
    const link = row.kind === 'activation'
      ? [row.userId, row.userId, row.tokenHash, row.expiresAt, row.userId === null ? decoyAt : null]
      : [row.userId, row.kind, row.kind, row.userId, row.newEmail, row.tokenHash, row.expiresAt, row.userId === null ? decoyAt : null];
    const { mail } = row;
    const queued = mail ? [mail.recipient, mail.subject, mail.textBody, null] : ['', '', '', decoyAt];
    await plainRows(this.em(), `${row.kind === 'activation' ? ISSUE.activation : ISSUE.account} ${QUEUE}`, [...link, ...queued]);
  }
}
