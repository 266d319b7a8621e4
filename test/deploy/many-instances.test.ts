import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { comparable } from '../support/accounts.ts';
import { clientOn, loginOn, outboxDelivered, registerAccount, deploymentOrSkip, type Account, type Deployment, type Tokens } from '../support/deployment.ts';
import { makeImage } from '../support/images.ts';
import { HAL } from '../support/recipes.ts';
import { freshDatabase } from '../support/shared-stores.ts';

const JSON_HAL = { Accept: HAL, 'Content-Type': 'application/json' };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * API.md §12: two real server processes (`npm start`'s bundle and flags, NODE_ENV=production) on one
 * PostgreSQL database, one Redis, one bucket and one SMTP server, behind the real nginx. Each point
 * acts on instance A and checks on instance B (or the reverse), by their own URLs; the shutdown
 * test goes through nginx. Paths found on one instance are used on the other: that is what a load
 * balancer does with them.
 */
describe('many instances: interchangeable behind nginx (API.md §12)', function () {
  this.timeout(120_000);
  let deployment: Deployment;
  let a: string;
  let b: string;
  let cook: Account;
  let tokens: Tokens;

  before(async function () {
    deployment = await deploymentOrSkip(this);
    a = deployment.a.url;
    b = deployment.b.url;
    cook = await registerAccount(a, deployment.inbox, b);
    tokens = (await loginOn(a, cook.username, cook.password)).tokens;
  });
  after(async () => {
    await deployment?.close();
  });

  /** Creates (and with `publish`, publishes) a recipe by templates through `via`; resolves to its path. */
  async function recipeThrough(via: string, name: string, publish: boolean): Promise<string> {
    const client = clientOn(via, tokens.access_token);
    const created = await (await client.go().follow('recipes')).get().then((list) => list.action('create').submit({ name }));
    const self = created.links.get('self')!.href;
    if (publish) await (await client.go(self).refresh()).action('publish').submit({});
    return self;
  }
  const anonymousStatus = async (url: string) => (await fetch(url, { headers: { Accept: HAL } })).status;

  it('starts two instances at the same moment on a new database: the migrations do not race', async () => {
    const fresh = await freshDatabase(process.env.TEST_DATABASE_URL!);
    const started = await Promise.allSettled(['c', 'd'].map((name) => deployment.start(name, { DATABASE_URL: fresh.url })));
    try {
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason).replace(/\s+/g, ' ').slice(-240) : 'listening'))).to.deep.equal(['listening', 'listening']);
      for (const s of started) if (s.status === 'fulfilled') expect(await anonymousStatus(`${s.value.url}/recipes`)).to.equal(200);
    } finally {
      for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
      await fresh.drop();
    }
  });

  it('holds on B a login limit exhausted through A (10 failures per account), the right password included', async () => {
    const victim = await registerAccount(b, deployment.inbox);
    for (let i = 0; i < 10; i += 1) expect((await loginOn(a, victim.username, `wrong password number ${i}`)).status).to.equal(401);
    const onB = await loginOn(b, victim.username, victim.password);
    expect(onB.status).to.equal(429);
    expect((await loginOn(a, victim.username, victim.password)).status).to.equal(429);
  });

  it('refuses on B, at once, the access and refresh tokens of a logout on A', async () => {
    const pair = (await loginOn(b, cook.username, cook.password)).tokens;
    type Root = { _links: Record<string, unknown> };
    const me = async (via: string, token: string) => (await fetch(`${via}/`, { headers: { Accept: HAL, ...bearer(token) } })).json() as Promise<Root>;
    expect((await me(b, pair.access_token))._links).to.have.property('me');
    const logout = (await clientOn(a, pair.access_token).go().get()).action('logout');
    await logout.submit({ refresh_token: pair.refresh_token });
    expect((await fetch(`${b}/`, { headers: { Accept: HAL, ...bearer(pair.access_token) } })).status).to.equal(401);
    const refresh = (await clientOn(b).go().get()).action('refresh').uri;
    const refreshed = await fetch(refresh, { method: 'POST', headers: JSON_HAL, body: JSON.stringify({ refresh_token: pair.refresh_token }) });
    expect(refreshed.status).to.equal(401);
  });

  it('refuses on B an access token issued before a refresh, once its family logged out on A', async () => {
    const first = (await loginOn(a, cook.username, cook.password)).tokens;
    const refresh = (await clientOn(a).go().get()).action('refresh').uri;
    const rotation = { method: 'POST', headers: JSON_HAL, body: JSON.stringify({ refresh_token: first.refresh_token }) };
    const second = (await (await fetch(refresh, rotation)).json()) as Tokens;
    const logout = (await clientOn(a, second.access_token).go().get()).action('logout');
    await logout.submit({ refresh_token: second.refresh_token });
    expect((await fetch(`${b}/`, { headers: { Accept: HAL, ...bearer(first.access_token) } })).status).to.equal(401);
  });

  it('shows through B a recipe published through A, and hides through A the one unpublished through B', async () => {
    const path = await recipeThrough(a, 'Shared shakshuka', true);
    expect(await anonymousStatus(`${b}${path}`)).to.equal(200);
    const names = async (via: string) => ((await (await clientOn(via).go().follow('recipes')).refresh()).getEmbedded())
      .map((s) => (s.data as { name: string }).name);
    expect(await names(b)).to.include('Shared shakshuka');
    await (await clientOn(b, tokens.access_token).go(`${b}${path}`).refresh()).action('unpublish').submit({});
    expect(await anonymousStatus(`${a}${path}`)).to.equal(404);
    expect(await names(a)).not.to.include('Shared shakshuka');
  });

  it('serves through B a cover uploaded through A byte for byte with the same headers; a draft\'s cover stays private on both', async () => {
    const upload = async (via: string, path: string, color: string) => {
      const editMedia = (await clientOn(via, tokens.access_token).go(`${via}${path}`).refresh()).links.get('edit-media')!.href;
      const headers = { Accept: HAL, 'Content-Type': 'image/png', ...bearer(tokens.access_token) };
      const res = await fetch(`${via}${editMedia}`, { method: 'PUT', headers, body: await makeImage('png', 64, 48, color) });
      expect(res.status).to.equal(200);
      return ((await res.json()) as { cover_url: string }).cover_url;
    };
    const cover = await upload(a, await recipeThrough(a, 'Pictured paella', true), '#d35400');
    const [fromA, fromB] = await Promise.all([a, b].map((via) => fetch(`${via}${cover}`)));
    const [bytesA, bytesB] = await Promise.all([fromA!.clone().arrayBuffer(), fromB!.clone().arrayBuffer()]);
    expect(fromB!.status).to.equal(200);
    expect(Buffer.from(bytesB).equals(Buffer.from(bytesA))).to.equal(true);
    expect((await comparable(fromB!)).headers).to.deep.equal((await comparable(fromA!)).headers);
    const hidden = await upload(b, await recipeThrough(b, 'Private pilaf', false), '#16a085');
    for (const via of [a, b]) {
      expect(await anonymousStatus(`${via}${hidden}`), `anonymous on ${via}`).to.equal(404);
      const own = await fetch(`${via}${hidden}`, { headers: bearer(tokens.access_token) });
      expect([own.status, own.headers.get('cache-control')], `owner on ${via}`).to.deep.equal([200, 'private, max-age=31536000, immutable']);
    }
  });

  it('lets an image of several MiB through nginx (client_max_body_size is above its 1 MiB default), as multipart too', async () => {
    const path = await recipeThrough(a, 'Big bake', false);
    const editMedia = (await clientOn(a, tokens.access_token).go(`${a}${path}`).refresh()).links.get('edit-media')!.href;
    const noise = await sharp(randomBytes(1100 * 1000 * 3), { raw: { width: 1100, height: 1000, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(noise.length).to.be.within(3 * 2 ** 20, 5 * 2 ** 20);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(noise)], { type: 'image/png' }), 'noise.png');
    for (const body of [new Uint8Array(noise), form]) {
      const res = await fetch(`${deployment.nginx.url}${editMedia}`, {
        method: 'PUT', headers: { Accept: HAL, ...bearer(tokens.access_token), ...(body instanceof FormData ? {} : { 'Content-Type': 'image/png' }) }, body,
      });
      expect(res.status, await res.clone().text()).to.equal(200);
    }
  });

  it('delivers each mail exactly once with both senders running', async () => {
    const accounts = await Promise.all([a, b, a, b, a, b].map((via, i) => registerAccount(via, deployment.inbox, i % 2 ? a : b)));
    await outboxDelivered(deployment); // not a sleep: until no send, a duplicate included, is on its way
    const perMessageId = new Map<string, number>();
    for (const mail of deployment.inbox.mails) perMessageId.set(mail.messageId, (perMessageId.get(mail.messageId) ?? 0) + 1);
    expect([...perMessageId].filter(([, count]) => count > 1), 'Message-IDs received more than once').to.deep.equal([]);
    for (const account of [cook, ...accounts]) {
      expect(deployment.inbox.mailsTo(account.email).map((mail) => mail.subject), account.email).to.deep.equal(['Activate your Smilecook account']);
    }
  });
});
