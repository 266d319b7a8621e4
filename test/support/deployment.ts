import { randomBytes } from 'node:crypto';
import { Ketting, bearerAuth } from 'ketting';
import pg from 'pg';
import { newCredentials } from './accounts.ts';
import { eventually } from './eventually.ts';
import { buildBundle, startInstance, type Bundle, type Instance } from './instances.ts';
import { Nginx } from './nginx.ts';
import { freshBucket, freshDatabase, freshRedisDatabase } from './shared-stores.ts';
import { activationUrlIn, freePort, SmtpInbox } from './smtp-inbox.ts';

/**
 * Two server processes of one deployment (API.md §12) as `npm start` runs them, with
 * NODE_ENV=production, on one new PostgreSQL database, one Redis logical database, one s3rver
 * bucket and one SMTP server, behind the real nginx running deploy/nginx.conf.
 */
export interface Deployment {
  a: Instance;
  b: Instance;
  nginx: Nginx;
  inbox: SmtpInbox;
  bundle: Bundle;
  /** The environment every instance gets (PORT and DATA_DIR aside). */
  env: Record<string, string>;
  /** Another instance of this deployment (stopped by close()). */
  start(name: string, env?: Record<string, string>): Promise<Instance>;
  close(): Promise<void>;
}

/**
 * The deployment for a `before` hook, or a skip with the reason when there is no real PostgreSQL:
 * the embedded PGlite cannot be shared by several processes (the one acceptable skip).
 */
export async function deploymentOrSkip(context: Mocha.Context): Promise<Deployment> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    console.warn('    many-instances: skipped, TEST_DATABASE_URL is unset (the embedded PGlite cannot be shared by several processes)');
    context.skip();
  }
  return startDeployment(server!);
}

export async function startDeployment(databaseServerUrl: string): Promise<Deployment> {
  const undo: Array<() => Promise<unknown> | void> = [];
  const close = async () => {
    for (const step of undo.reverse()) await Promise.resolve(step()).catch(() => {});
  };
  try {
    const bundle = buildBundle();
    undo.push(() => bundle.remove());
    const database = await freshDatabase(databaseServerUrl);
    undo.push(() => database.drop());
    const redis = await freshRedisDatabase();
    undo.push(() => redis.drop());
    const bucket = await freshBucket();
    undo.push(() => bucket.drop());
    const inbox = await SmtpInbox.start();
    undo.push(() => inbox.close());
    const env = {
      NODE_ENV: 'production', DATABASE_URL: database.url, REDIS_URL: redis.url, ...bucket.env, SMTP_URL: inbox.url,
      JWT_SECRET: randomBytes(32).toString('hex'), TRUST_PROXY: 'loopback', RATE_LIMIT_EXEMPT: '127.0.0.1', LOG_LEVEL: 'info',
    };
    const instances: Instance[] = [];
    undo.push(() => Promise.all(instances.map((instance) => instance.stop())));
    const start = async (name: string, extra: Record<string, string> = {}) => {
      const instance = await startInstance(bundle, name, { ...env, PORT: String(await freePort()), ...extra });
      instances.push(instance);
      return instance;
    };
    // One after the other: starting at the same moment is a test of its own (many-instances.test.ts).
    const a = await start('a');
    const b = await start('b');
    const nginx = await Nginx.start({ upstreams: [a, b] });
    undo.push(() => nginx.stop());
    return { a, b, nginx, inbox, bundle, env, start, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface Account { username: string; email: string; password: string }

/** A ketting client on an instance's (or nginx's) root, optionally with a bearer token. */
export function clientOn(baseUrl: string, accessToken?: string): Ketting {
  const client = new Ketting(`${baseUrl}/`);
  if (accessToken) client.use(bearerAuth(accessToken));
  return client;
}

/** Registers through `via`'s `register` template and activates with the link of the mail the SMTP server got, on `activateVia`. */
export async function registerAccount(via: string, inbox: SmtpInbox, activateVia = via): Promise<Account> {
  const account = newCredentials('many');
  await (await clientOn(via).go().get()).action('register').submit(account);
  const mail = await inbox.waitForMailTo(account.email, /activate/i);
  // The link names the instance that queued it (no PUBLIC_BASE_URL here); the path is fixed (API.md).
  const activation = `${activateVia}${new URL(activationUrlIn(mail)).pathname}`;
  await (await clientOn(activateVia).go(activation).get()).action('activate').submit({});
  return account;
}

export interface Tokens { access_token: string; refresh_token: string }

/** The `login` template's request to `via`, raw: status and body. */
export async function loginOn(via: string, username: string, password: string): Promise<{ status: number; tokens: Tokens }> {
  const target = (await clientOn(via).go().get()).action('login').uri;
  const res = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: res.status, tokens: (await res.json()) as Tokens };
}

/** The deployment's mail outbox: how many times senders claimed a mail (each claim is one send), and how many are not marked sent. */
async function outboxState(deployment: Deployment): Promise<{ claims: number; unsent: number }> {
  const client = new pg.Client({ connectionString: deployment.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ claims: number; unsent: number }>(
      'select coalesce(sum(attempts), 0)::int as claims, (count(*) filter (where sent_at is null))::int as unsent from mail_outbox',
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

/**
 * Resolves once every mail of the outbox is marked sent and the SMTP inbox holds a mail for each
 * claim: then no send, a duplicate included, is still on its way.
 */
export async function outboxDelivered(deployment: Deployment): Promise<void> {
  await eventually(async () => {
    const { claims, unsent } = await outboxState(deployment);
    return unsent === 0 && deployment.inbox.mails.length >= claims;
  }, 'a mail in the inbox for every claim of the outbox');
}
