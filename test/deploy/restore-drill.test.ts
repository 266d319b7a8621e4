import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { clientOn, loginOn, registerAccount, type Account, type Tokens } from '../support/deployment.ts';
import { DEPLOY_DIR } from '../support/deploy-config.ts';
import { makeImage } from '../support/images.ts';
import { buildBundle, startInstance, type Bundle, type Instance } from '../support/instances.ts';
import { HAL, HAL_FORMS } from '../support/recipes.ts';
import { freshBucket, freshDatabase, type SharedStore } from '../support/shared-stores.ts';
import { freePort, SmtpInbox } from '../support/smtp-inbox.ts';

const run = promisify(execFile);
/** Headers that say when and by whom, not what: they may differ between two answers of the same content. */
const VOLATILE = new Set(['date', 'x-request-id', 'ratelimit', 'ratelimit-policy', 'keep-alive', 'connection']);

interface Cook extends Account { tokens: Tokens; drafts: string[]; published: string[] }
interface Read { what: string; url: string; headers: Record<string, string> }

/** Status, every header but the volatile ones, and a hash of the body bytes. */
async function answerOf(read: Read): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const res = await fetch(read.url, { headers: read.headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const headers = Object.fromEntries([...res.headers].filter(([name]) => !VOLATILE.has(name)));
  return { status: res.status, headers, body: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * deploy/README.md "Backup and restore", drilled on the real PostgreSQL and s3rver: a populated
 * deployment is dumped (pg_dump) and its bucket copied (deploy/bucket-backup.mjs), both are dropped,
 * restored into a fresh database and a fresh bucket, and a new instance on them answers every page,
 * image and login as before, byte for byte (ETags included).
 */
describe('backup and restore: the drill', function () {
  this.timeout(180_000);
  const work = mkdtempSync(path.join(os.tmpdir(), 'smilecook-drill-'));
  const cleanup: Array<() => Promise<unknown> | void> = [];
  let bundle: Bundle;
  let inbox: SmtpInbox;
  let env: Record<string, string>;
  const start = async (name: string, database: SharedStore, bucket: Record<string, string>): Promise<Instance> => {
    const instance = await startInstance(bundle, name, { ...env, ...bucket, DATABASE_URL: database.url, PORT: String(await freePort()) });
    cleanup.push(() => instance.stop());
    return instance;
  };

  before(function () {
    if (!process.env.TEST_DATABASE_URL) {
      console.warn('    restore drill: skipped, TEST_DATABASE_URL is unset (pg_dump and pg_restore need a real PostgreSQL)');
      this.skip();
    }
  });
  after(async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => {});
    rmSync(work, { recursive: true, force: true });
  });

  it('restores a dumped database and a copied bucket: every page, image and login answers as before', async () => {
    const server = process.env.TEST_DATABASE_URL!;
    bundle = buildBundle();
    cleanup.push(() => bundle.remove());
    inbox = await SmtpInbox.start();
    cleanup.push(() => inbox.close());
    env = { NODE_ENV: 'production', SMTP_URL: inbox.url, JWT_SECRET: randomBytes(32).toString('hex'), RATE_LIMIT_EXEMPT: '127.0.0.1', LOG_LEVEL: 'info' };
    const before = { database: await freshDatabase(server), bucket: await freshBucket('smilecook-drill') };
    cleanup.push(() => before.database.drop(), () => before.bucket.drop());
    const original = await start('original', before.database, before.bucket.env);

    // Populate: two cooks, an avatar, published recipes and drafts, with covers.
    const cooks: Cook[] = [];
    for (const drafts of [1, 2]) {
      const account = await registerAccount(original.url, inbox);
      const tokens = (await loginOn(original.url, account.username, account.password)).tokens;
      const cook: Cook = { ...account, tokens, drafts: [], published: [] };
      const client = clientOn(original.url, tokens.access_token);
      for (let i = 0; i < 2 + drafts; i += 1) {
        const created = await (await client.go().follow('recipes')).get().then((list) => list.action('create').submit({
          name: `${account.username} dish ${i}`, description: `Recipe ${i}`, num_of_servings: 2 + i, cook_time: 10 * (i + 1),
          ingredients: 'flour\nwater', directions: 'mix\nbake',
        }));
        const self = new URL(created.links.get('self')!.href, original.url).href;
        const state = await client.go(self).refresh();
        const cover = new URL(state.links.get('edit-media')!.href, original.url).href;
        const put = await fetch(cover, {
          method: 'PUT', body: await makeImage('png', 40 + i + 10 * drafts, 30, ['#c0392b', '#27ae60', '#8e44ad', '#f39c12'][i]!),
          headers: { 'Content-Type': 'image/png', Accept: HAL, Authorization: `Bearer ${tokens.access_token}` },
        });
        expect(put.status).to.equal(200);
        if (i < 2) {
          await (await client.go(self).refresh()).action('publish').submit({});
          cook.published.push(self);
        } else {
          cook.drafts.push(self);
        }
      }
      const me = await (await client.go().follow('me')).get();
      const avatar = new URL(me.links.get('edit-media')!.href, original.url).href;
      const put = await fetch(avatar, {
        method: 'PUT', body: await makeImage('webp', 60 + drafts, 64),
        headers: { 'Content-Type': 'image/webp', Accept: HAL, Authorization: `Bearer ${tokens.access_token}` },
      });
      expect(put.status).to.equal(200);
      cooks.push(cook);
    }

    // Every read a client can make: anonymous and as the owner, HAL and HAL-FORMS, and the images they link to.
    const reads = async (base: string): Promise<Read[]> => {
      const list: Read[] = [];
      const as = (what: string, url: string, token?: string, accept = HAL) => {
        for (const type of accept === HAL ? [HAL, HAL_FORMS] : [accept]) {
          const headers = { Accept: type, ...(token && { Authorization: `Bearer ${token}` }) };
          list.push({ what: `${what} (${type}${token ? ', owner' : ''})`, url: new URL(url, base).href, headers });
        }
      };
      for (const url of ['/', '/recipes', '/recipes?per_page=2&page=2', '/recipes?sort=cook_time&order=asc', '/recipes?q=dish']) as(url, url);
      for (const cook of cooks) {
        as(`user ${cook.username}`, `/users/${cook.username}`);
        as(`recipes of ${cook.username}`, `/users/${cook.username}/recipes`);
        as(`recipes of ${cook.username}`, `/users/${cook.username}/recipes`, cook.tokens.access_token);
        for (const recipe of [...cook.published, ...cook.drafts]) {
          const path = new URL(recipe).pathname;
          as(`recipe ${path}`, path, cook.tokens.access_token);
          if (cook.published.includes(recipe)) as(`recipe ${path}`, path);
          const body = (await (await fetch(new URL(path, base), { headers: { Accept: HAL, Authorization: `Bearer ${cook.tokens.access_token}` } })).json()) as {
            cover_url: string;
          };
          as(`cover of ${path}`, body.cover_url, cook.tokens.access_token, 'image/*');
          if (cook.published.includes(recipe)) as(`cover of ${path}`, body.cover_url, undefined, 'image/*');
        }
        const user = (await (await fetch(new URL(`/users/${cook.username}`, base), { headers: { Accept: HAL } })).json()) as { avatar_url: string };
        as(`avatar of ${cook.username}`, user.avatar_url, undefined, 'image/*');
      }
      return list;
    };
    const readsBefore = await reads(original.url);
    expect(readsBefore.filter((read) => read.what.startsWith('cover of'))).to.have.length(11);
    const answersBefore = await Promise.all(readsBefore.map(answerOf));
    expect(answersBefore.filter((answer) => answer.status !== 200)).to.deep.equal([]);

    // Back up (deploy/README.md): the database first, then the bucket, which then holds every image the dump names.
    const dump = path.join(work, 'smilecook.dump');
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, before.database.url]);
    const bucketCopy = path.join(work, 'bucket');
    await run(process.execPath, [path.join(DEPLOY_DIR, 'bucket-backup.mjs'), 'dump', bucketCopy], { env: { ...process.env, ...before.bucket.env } });
    expect(readdirSync(bucketCopy).filter((name) => name.endsWith('.webp'))).to.have.length(9); // 7 covers, 2 avatars

    // Lose everything.
    await original.stop();
    await before.database.drop();
    await before.bucket.drop();

    // Restore into a new database and a new bucket, and start an instance on them.
    const after = { database: await freshDatabase(server), bucket: await freshBucket('smilecook-drill') };
    cleanup.push(() => after.database.drop(), () => after.bucket.drop());
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${after.database.url}`, dump]);
    await run(process.execPath, [path.join(DEPLOY_DIR, 'bucket-backup.mjs'), 'restore', bucketCopy], { env: { ...process.env, ...after.bucket.env } });
    const restored = await start('restored', after.database, after.bucket.env);

    const readsAfter = await reads(restored.url);
    expect(readsAfter.map((read) => read.what)).to.deep.equal(readsBefore.map((read) => read.what));
    const answersAfter = await Promise.all(readsAfter.map(answerOf));
    readsBefore.forEach((read, i) => expect(answersAfter[i], read.what).to.deep.equal(answersBefore[i]));
    const refresh = (await clientOn(restored.url).go().get()).action('refresh').uri;
    for (const cook of cooks) {
      expect((await loginOn(restored.url, cook.username, cook.password)).status, `login of ${cook.username}`).to.equal(200);
      expect((await loginOn(restored.url, cook.username, `${cook.password}!`)).status).to.equal(401);
      const refreshed = await fetch(refresh, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: HAL }, body: JSON.stringify({ refresh_token: cook.tokens.refresh_token }),
      });
      expect(refreshed.status, 'a refresh token issued before the backup').to.equal(200);
    }
  });
});
