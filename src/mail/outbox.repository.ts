import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';
import type { Mail, OutgoingMail } from './mail.ts';
import { OutboxMailEntity, type OutboxMail } from './outbox-mail.entity.ts';

/** How long a claimed mail is leased to one sender before another instance may retry it. */
const LEASE_SECONDS = 60;

/** The mail outbox table: written in the caller's transaction, drained by the OutboxSender. */
export class OutboxRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** Adds a mail to the outbox in the current transaction (flushed with it). */
  enqueue(mail: Mail): OutboxMail {
    return this.em().create(OutboxMailEntity, {
      recipient: mail.recipient, subject: mail.subject, textBody: mail.textBody, htmlBody: mail.htmlBody ?? null,
      attempts: 0, sentAt: null, lastError: null,
    } as never);
  }

  /** Atomically leases up to `limit` due mails (safe with several instances: SKIP LOCKED). */
  async claimDue(limit: number): Promise<OutgoingMail[]> {
    const rows = await plainRows<Record<string, unknown>>(
      this.em(),
      `update mail_outbox set next_attempt_at = now() + interval '${LEASE_SECONDS} seconds', attempts = attempts + 1
        where id in (select id from mail_outbox where sent_at is null and next_attempt_at <= now()
                     order by id limit ? for update skip locked)
        returning id, recipient, subject, text_body, html_body, attempts, message_key`,
      [limit],
    );
    return rows.map((row) => ({
      id: Number(row.id), recipient: String(row.recipient), subject: String(row.subject), textBody: String(row.text_body),
      htmlBody: row.html_body === null ? null : String(row.html_body), attempts: Number(row.attempts),
      messageKey: String(row.message_key),
    }));
  }

  /** Mails not sent yet and the age of the oldest, in seconds (one read of the pending rows' partial index). */
  async pending(): Promise<{ depth: number; oldestAgeSeconds: number }> {
    const [row] = await plainRows<{ depth: string; age: string | null }>(
      this.em(),
      'select count(*) as depth, extract(epoch from now() - min(created_at)) as age from mail_outbox where sent_at is null',
    );
    return { depth: Number(row?.depth ?? 0), oldestAgeSeconds: Math.max(0, Number(row?.age ?? 0)) };
  }

  async markSent(id: number): Promise<void> {
    await plainRows(this.em(), 'update mail_outbox set sent_at = now(), last_error = null where id = ?', [id]);
  }

  async markFailed(id: number, error: string, retryInSeconds: number): Promise<void> {
    await plainRows(
      this.em(),
      `update mail_outbox set last_error = ?, next_attempt_at = now() + (? * interval '1 second') where id = ?`,
      [error.slice(0, 500), retryInSeconds, id],
    );
  }
}
