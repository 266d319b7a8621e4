import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { fileTransport } from '../../src/mail/dev-outbox.ts';
import { ACCOUNT_TEST_ENV, newCredentials } from '../support/accounts.ts';
import { eventually } from '../support/eventually.ts';
import { activationUrlIn, freePort, SmtpInbox } from '../support/smtp-inbox.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

async function registerThroughRoot(server: TestServer): Promise<ReturnType<typeof newCredentials>> {
  const credentials = newCredentials();
  const root = await server.client().go().get();
  await root.action('register').submit(credentials);
  return credentials;
}

describe('accounts: mail delivery through the outbox', () => {
  describe('with a mail server that is down at registration time', () => {
    let server: TestServer;
    let inbox: SmtpInbox | undefined;
    let port: number;
    before(async () => {
      port = await freePort(); // nothing listens there yet
      server = await startTestServer({ env: { ...ACCOUNT_TEST_ENV, SMTP_URL: `smtp://127.0.0.1:${port}` } });
    });
    after(async () => {
      await server?.close();
      await inbox?.close();
    });

    it('keeps the mail and delivers it once the server is up (retry after ~1 s, nothing lost)', async () => {
      const credentials = await registerThroughRoot(server);
      const failed = await eventually(async () => {
        const rows = await server.sql<{ attempts: number; last_error: string | null; sent_at: Date | null }>(
          'select attempts, last_error, sent_at from mail_outbox where recipient = ?', [credentials.email],
        );
        return rows[0]?.last_error ? rows[0] : undefined;
      }, 'the first delivery attempt to fail');
      expect(failed.sent_at).to.equal(null);

      inbox = await SmtpInbox.start(port);
      const mail = await inbox.waitForMailTo(credentials.email, /activate/i);
      const url = activationUrlIn(mail);
      const row = await eventually(async () => {
        const rows = await server.sql<{ attempts: number; sent_at: Date | null }>(
          'select attempts, sent_at from mail_outbox where recipient = ?', [credentials.email],
        );
        return rows[0]?.sent_at ? rows[0] : undefined;
      }, 'the mail to be marked sent');
      expect(row.attempts).to.be.at.least(2);

      const state = await server.client().go(server.url + new URL(url).pathname).get();
      expect(state.hasAction('activate')).to.equal(true);
      expect(inbox.mailsTo(credentials.email)).to.have.length(1);
    });

    it('gives a mail sent twice (a crash between "sent" and "marked sent") the same Message-ID both times', async () => {
      const credentials = await registerThroughRoot(server);
      const first = await inbox!.waitForMailTo(credentials.email, /activate/i);
      const row = await eventually(async () => {
        const rows = await server.sql<{ message_key: string; sent_at: Date | null }>(
          'select message_key, sent_at from mail_outbox where recipient = ?', [credentials.email],
        );
        return rows[0]?.sent_at ? rows[0] : undefined;
      }, 'the mail to be marked sent');
      expect(first.messageId).to.equal(`<${row.message_key}@localhost>`);
      // As if the sender had died right after the server accepted the mail: the row is due again.
      await server.sql('update mail_outbox set sent_at = null, next_attempt_at = now() where recipient = ?', [credentials.email]);
      const again = await inbox!.waitFor((mail) => mail !== first && mail.to.some((to) => to.toLowerCase() === credentials.email.toLowerCase()));
      expect(again.messageId).to.equal(first.messageId);
      expect(again.text).to.equal(first.text);
    });
  });

  describe('without SMTP_URL (development)', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ env: ACCOUNT_TEST_ENV });
    });
    after(async () => {
      await server?.close();
    });

    it('writes the mail as an .eml file into DATA_DIR/outbox, with the activation link', async () => {
      const credentials = await registerThroughRoot(server);
      const dir = path.join(server.config.dataDir, 'outbox');
      const file = await eventually(async () => {
        if (!existsSync(dir)) return undefined;
        return readdirSync(dir).map((name) => path.join(dir, name)).find((name) => name.endsWith('.eml')
          && readFileSync(name, 'utf8').includes(credentials.email));
      }, 'the .eml file');
      const text = readFileSync(file, 'utf8').replace(/=\r?\n/g, '');
      expect(text).to.match(/^Subject: Activate your Smilecook account$/m);
      expect(text).to.match(/http:\/\/localhost:\d+\/activation\/[A-Za-z0-9_-]{43}/);
    });

    it('logs the links of every mail, shows them to a person whole and clickable, and writes a readable .txt beside the .eml', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-outbox-'));
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, new Writable({
        write(chunk, _encoding, callback) {
          lines.push(String(chunk));
          callback();
        },
      }));
      try {
        const printed: string[] = [];
        const transport = fileTransport({
          dir, from: 'Smilecook <no-reply@localhost>', logger,
          announce: { write: (text) => printed.push(text), links: { from: 'http://localhost:3000', to: () => 'http://127.0.0.1:3000' } },
        });
        const url = `http://localhost:3000/activation/${'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ'.repeat(2)}`;
        const textBody = `Hello cook,\n\nconfirm your email address to activate your Smilecook account with this rather long sentence:\n\n${url}\n`;
        const messageKey = '5f0c6d1e-8a4b-4c3e-9f2a-1b2c3d4e5f60';
        await transport.send({ id: 1, attempts: 1, messageKey, recipient: 'cook@example.test', subject: 'Activate', textBody });
        expect(readdirSync(dir).filter((name) => name.endsWith('.eml'))).to.have.length(1);
        const entry = JSON.parse(lines.find((line) => line.includes('dev outbox'))!) as { links: string[]; file: string; text: string };
        expect(entry.links).to.deep.equal([url]);
        expect(existsSync(entry.file)).to.equal(true);
        const text = readFileSync(entry.text, 'utf8');
        expect(text).to.equal(`To: cook@example.test\nSubject: Activate\n\n${textBody}`);
        expect(text.split('\n')).to.include(url); // the link on a line of its own, unbroken (the .eml is quoted-printable)
        expect(printed.join('')).to.include(`\n  ${url.replace('http://localhost:3000', 'http://127.0.0.1:3000')}\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
