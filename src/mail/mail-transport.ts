import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Mail } from './mail.ts';

export interface MailTransport {
  send(mail: Mail): Promise<void>;
  close(): void;
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
      await transporter.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.textBody, ...(mail.htmlBody && { html: mail.htmlBody }) });
    },
    close: () => transporter.close(),
  };
}

/** No SMTP_URL (development): each mail becomes a .eml file in DATA_DIR/outbox and its links are logged. */
export function fileTransport(dir: string, from: string, logger: Logger): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transporter.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.textBody });
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      const links = mail.textBody.match(/https?:\/\/\S+/g) ?? [];
      logger.info({ to: mail.recipient, subject: mail.subject, file, links }, 'mail written to the dev outbox (no SMTP_URL)');
    },
    close() {},
  };
}
