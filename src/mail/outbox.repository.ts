import type { EntityManager } from '@mikro-orm/postgresql';
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
    const rows = await this.em().getConnection().execute<Array<Record<string, unknown>>>(
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

  async markSent(id: number): Promise<void> {
    await this.em().getConnection().execute('update mail_outbox set sent_at = now(), last_error = null where id = ?', [id]);
  }

  async markFailed(id: number, error: string, retryInSeconds: number): Promise<void> {
    await this.em().getConnection().execute(
      `update mail_outbox set last_error = ?, next_attempt_at = now() + (? * interval '1 second') where id = ?`,
      [error.slice(0, 500), retryInSeconds, id],
    );
  }
}
