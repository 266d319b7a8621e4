import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as the test's SMTP server received it, its text body decoded. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/** A TCP port on 127.0.0.1 where nothing listens (right now). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const escaped = body.replace(/%/g, '%25').replace(/=\r?\n/g, '');
  return decodeURIComponent(escaped.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`));
}

function parse(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const subject = /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '';
  const messageId = /^message-id:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? '';
  return { to, subject, text: decodeBody(headers, raw.slice(split + 4)), messageId };
}

/** A real SMTP server (smtp-server) on 127.0.0.1 that keeps every mail it accepts. */
export class SmtpInbox {
  readonly mails: ReceivedMail[] = [];
  private readonly arrivals = new EventEmitter();
  private constructor(private readonly server: SMTPServer, readonly port: number) {}

  static async start(port = 0): Promise<SmtpInbox> {
    const started: { inbox?: SmtpInbox } = {}; // the server receives mail only once the inbox exists
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((address) => address.address);
          started.inbox?.receive(parse(Buffer.concat(chunks).toString('utf8'), to));
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    started.inbox = new SmtpInbox(server, (server.server.address() as AddressInfo).port);
    return started.inbox;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private receive(mail: ReceivedMail): void {
    this.mails.push(mail);
    this.arrivals.emit('mail');
  }

  /** The mails to an address (compared case-insensitively). */
  mailsTo(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase()));
  }

  /** Resolves with the first mail matching, waiting for it to arrive (a generous timeoutMs turns a mail that never comes into a failure). */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 30_000): Promise<ReceivedMail> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.mails.find(predicate);
        if (!found) return false;
        clearTimeout(timer);
        this.arrivals.off('mail', check);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.arrivals.off('mail', check);
        reject(new Error(`no matching mail within ${timeoutMs} ms (received: ${this.mails.map((m) => m.subject).join('; ')})`));
      }, timeoutMs);
      if (!check()) this.arrivals.on('mail', check);
    });
  }

  /** Waits for the next mail to an address with a matching subject. */
  waitForMailTo(address: string, subject: RegExp, timeoutMs?: number): Promise<ReceivedMail> {
    return this.waitFor((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase()) && subject.test(mail.subject), timeoutMs);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The activation URL in a mail's text (absolute, as the contract requires). */
export function activationUrlIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+?\/activation\/[A-Za-z0-9_-]+/.exec(mail.text);
  if (!match) throw new Error(`no activation link in mail "${mail.subject}"`);
  return match[0];
}
