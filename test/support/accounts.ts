import { Ketting, bearerAuth } from 'ketting';
import type { TestServer } from './test-server.ts';

export interface TestUser {
  username: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** A ketting client on the root that sends the user's access token. */
  client: Ketting;
}

let counter = 0;

/** A unique, valid username/email/password triple. */
export function newCredentials(prefix = 'cook') {
  counter += 1;
  const id = `${prefix}${process.pid % 1000}_${counter}_${Math.random().toString(36).slice(2, 6)}`;
  return { username: id.slice(0, 30), email: `${id}@example.test`, password: `a long passphrase ${id}` };
}

/** The activation link of the newest mail to `email`, read from the mail outbox. */
export async function activationLinkFor(server: TestServer, email: string): Promise<string> {
  const rows = await server.sql<{ text_body: string }>(
    'select text_body from mail_outbox where lower(recipient) = lower(?) order by id desc limit 1', [email],
  );
  const match = rows[0]?.text_body.match(/https?:\/\/\S+\/activation\/[A-Za-z0-9_-]+/);
  if (!match) throw new Error(`no activation mail for ${email}`);
  // Mails link to PUBLIC_BASE_URL (or localhost:$PORT); the test server listens on its own port.
  return server.url + new URL(match[0]).pathname;
}

/** Registers through the root's `register` template, activates by the emailed link, logs in with `login`. */
export async function createUser(
  server: TestServer, overrides: Partial<{ username: string; email: string; password: string }> = {},
): Promise<TestUser> {
  const credentials = { ...newCredentials(), ...overrides };
  const anonymous = server.client();
  const root = await anonymous.go().get();
  await root.action('register').submit(credentials);
  const activation = await anonymous.go(await activationLinkFor(server, credentials.email)).get();
  await activation.action('activate').submit({});
  const tokens = await root.action('login').submit({ username: credentials.username, password: credentials.password });
  const { access_token: accessToken, refresh_token: refreshToken } = tokens.data as { access_token: string; refresh_token: string };
  const client = new Ketting(server.root);
  client.use(bearerAuth(accessToken));
  return { ...credentials, accessToken, refreshToken, client };
}

/** Environment for account test servers: many registrations from one client must not hit the per-client limits. */
export const ACCOUNT_TEST_ENV = { RATE_LIMIT_EXEMPT: '127.0.0.1' };

/** A raw JSON POST (for status/header assertions) to a URL discovered from a template. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** The target of one of the root's templates, as an anonymous caller or the bearer of `accessToken` sees it. */
export async function templateTarget(server: TestServer, name: string, accessToken?: string): Promise<string> {
  const client = new Ketting(server.root);
  if (accessToken) client.use(bearerAuth(accessToken));
  const root = await client.go().get();
  return root.action(name).uri;
}

/**
 * Status, headers and body of a response, for comparing two answers byte for byte. Left out:
 * `Date`, `X-Request-Id` (every request's own trace id, API.md §13) and `RateLimit` (its remaining
 * count changes with every request of the client, for every outcome alike, so it tells nothing about
 * the account).
 */
export async function comparable(res: Response): Promise<{ status: number; headers: [string, string][]; body: string }> {
  const headers = [...res.headers].filter(([name]) => name !== 'date' && name !== 'ratelimit' && name !== 'x-request-id');
  return { status: res.status, headers, body: await res.text() };
}
