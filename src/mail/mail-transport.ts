import nodemailer from 'nodemailer';
import type { OutgoingMail } from './mail.ts';

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The domain of the sender's address (`Smilecook <no-reply@example.org>` → example.org). */
function senderDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'smilecook.invalid';
}

/** nodemailer's message of an outbox mail: its Message-ID comes from the outbox row, the same on every retry. */
export function message(mail: OutgoingMail, from: string) {
  return {
    from, to: mail.recipient, subject: mail.subject, text: mail.textBody, ...(mail.htmlBody && { html: mail.htmlBody }),
    messageId: `<${mail.messageKey}@${senderDomain(from)}>`,
  };
}

/**
 * SMTP_URL set: nodemailer over SMTP. Short timeouts: a dead server is retried later, not waited on.
 * TLS certificates are verified (STARTTLS when offered, or smtps://); a development server with a
 * self-signed certificate can opt out in the URL: `smtp://host:port?tls.rejectUnauthorized=false`.
 */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10000,
  });
  return {
    async send(mail) {
      await transporter.sendMail(message(mail, from));
    },
    close: () => transporter.close(),
  };
}
