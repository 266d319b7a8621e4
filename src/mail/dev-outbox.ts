import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { OutgoingMail } from './mail.ts';
import { message, type MailTransport } from './mail-transport.ts';

export interface DevOutboxOptions {
  dir: string;
  from: string;
  logger: Logger;
  /**
   * For a person at the terminal: each mail's links on lines of their own, with `links.from` (the
   * mails' base, http://localhost:$PORT) shown as `links.to` (where the server really listens).
   */
  announce?: { write(text: string): void; links?: { from: string; to(): string } };
}

/**
 * No SMTP_URL (development): each mail becomes a `.eml` file in DATA_DIR/outbox (what a mail server
 * would have received, quoted-printable and all) and a `.txt` beside it that a person can read and
 * copy a link from (long lines kept whole), and its links are logged.
 */
export function fileTransport(options: DevOutboxOptions): MailTransport {
  const { dir, from, logger, announce } = options;
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail: OutgoingMail) {
      const info = await transporter.sendMail(message(mail, from));
      await mkdir(dir, { recursive: true });
      const base = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
      await writeFile(`${base}.eml`, info.message as Buffer, { mode: 0o600 });
      await writeFile(`${base}.txt`, `To: ${mail.recipient}\nSubject: ${mail.subject}\n\n${mail.textBody}`, { mode: 0o600 });
      const links = mail.textBody.match(/https?:\/\/\S+/g) ?? [];
      const written = { to: mail.recipient, subject: mail.subject, file: `${base}.eml`, text: `${base}.txt`, links };
      logger.info(written, 'mail written to the dev outbox (no SMTP_URL)');
      if (announce && links.length > 0) {
        const moved = announce.links;
        const shown = links.map((link) => (moved && link.startsWith(moved.from) ? moved.to() + link.slice(moved.from.length) : link));
        announce.write(`\n${mail.subject} — mail to ${mail.recipient} (${base}.txt):\n${shown.map((link) => `  ${link}`).join('\n')}\n\n`);
      }
    },
    close() {},
  };
}
