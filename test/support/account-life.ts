import { Ketting, bearerAuth, type State } from 'ketting';
import type { TestUser } from './accounts.ts';
import type { ReceivedMail } from './smtp-inbox.ts';
import type { TestServer } from './test-server.ts';

/** Helpers for the account's life after registration (issue 18): links in mails, the user's own page, raw answers. */

export type MailedLink = 'password-reset' | 'email-confirmation' | 'activation';

/** The absolute URL of a link of `kind` in a mail's text. */
export function linkIn(mail: ReceivedMail | { text: string }, kind: MailedLink): string {
  const match = new RegExp(`https?://\\S+?/${kind}/[A-Za-z0-9_-]+`).exec(mail.text);
  if (!match) throw new Error(`no ${kind} link in the mail: ${mail.text}`);
  return match[0];
}

/** The same path on the test server (mails link to PUBLIC_BASE_URL or localhost:$PORT). */
export function onServer(server: TestServer, url: string): string {
  return server.url + new URL(url).pathname;
}

/** A ketting client on the root that sends this access token. */
export function clientWith(server: TestServer, accessToken: string): Ketting {
  const client = new Ketting(server.root);
  client.use(bearerAuth(accessToken));
  return client;
}

/** The user's own page, found from the root by `me` (fresh: ketting caches forever). */
export async function ownPage(user: Pick<TestUser, 'client'>): Promise<State> {
  const me = await user.client.go().follow('me');
  return me.refresh();
}

/** The user's sessions, found from their own page by `sessions` (fresh). */
export async function sessionsOf(user: Pick<TestUser, 'client'>): Promise<State> {
  const page = await ownPage(user);
  return user.client.go(page.links.get('sessions')!.href).refresh();
}

/** What a ketting submit that failed came to: the status and the problem's type. */
export async function refusal(work: Promise<unknown>): Promise<{ status: number; type?: string }> {
  try {
    await work;
  } catch (error) {
    const failed = error as { status?: number; body?: { type?: string } };
    if (failed.status !== undefined) return { status: failed.status, ...(failed.body?.type && { type: failed.body.type.replace(/^.*\/problems\//, '') }) };
    throw error;
  }
  throw new Error('expected the request to be refused');
}

/** A raw request with an access token (for answers compared field by field). */
export function authorized(url: string, accessToken: string, init: RequestInit = {}): Promise<Response> {
  const headers = { Accept: 'application/hal+json', ...init.headers as Record<string, string>, Authorization: `Bearer ${accessToken}` };
  return fetch(url, { ...init, headers });
}

/** Whether this access token is still accepted (its `me` answers 200; a revoked one 401). */
export async function accepted(server: TestServer, accessToken: string): Promise<boolean> {
  const res = await authorized(`${server.url}/me`, accessToken);
  if (res.status !== 200 && res.status !== 401) throw new Error(`unexpected ${res.status} for me`);
  return res.status === 200;
}

/** The link of `kind` in the newest mail to `email` that has one, read from the mail outbox (on this server). */
export async function mailedLinkFor(server: TestServer, email: string, kind: MailedLink): Promise<string> {
  const rows = await server.sql<{ text_body: string }>(
    'select text_body from mail_outbox where lower(recipient) = lower(?) and text_body like ? order by id desc limit 1', [email, `%/${kind}/%`],
  );
  if (!rows[0]) throw new Error(`no ${kind} mail for ${email}`);
  return onServer(server, linkIn({ text: rows[0].text_body }, kind));
}
