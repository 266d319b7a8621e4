import { defineEntity, type InferEntity } from '@mikro-orm/core';

/**
 * A mail waiting to be sent. Written in the same transaction as what caused it, delivered by
 * the outbox sender, retried with back-off until the mail server accepts it.
 */
export const OutboxMailEntity = defineEntity({
  name: 'OutboxMail',
  tableName: 'mail_outbox',
  properties: (p) => ({
    id: p.integer().primary().autoincrement(),
    recipient: p.string().length(254),
    subject: p.string().length(200),
    textBody: p.text(),
    htmlBody: p.text().nullable(),
    createdAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().columnType('timestamptz').onCreate(() => new Date()),
    sentAt: p.datetime().columnType('timestamptz').nullable(),
    lastError: p.string().length(500).nullable(),
  }),
});

export type OutboxMail = InferEntity<typeof OutboxMailEntity>;
