import path from 'node:path';
import { expect } from 'chai';
import { createUser, newCredentials, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { IMAGE_STORES, testImageStore, type TestImageStore } from '../support/image-stores.ts';
import { makeImage, putImage } from '../support/images.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login } from '../support/tokens.ts';

const HAL = 'application/hal+json';

for (const kind of IMAGE_STORES) describe(`maintenance: what nobody refers to any more is swept (${kind})`, () => {
  let store: TestImageStore;
  let server: TestServer;
  let cook: TestUser;
  before(async () => {
    store = await testImageStore(kind);
    server = await startTestServer({ env: { ...store.env, RATE_LIMIT_EXEMPT: '127.0.0.1' }, config: { maintenance: { imageGraceSeconds: 60 } } });
    cook = await createUser(server);
  });
  after(async () => {
    await server?.close();
    await store?.drop();
  });

  const sweep = () => server.services.maintenance.runOnce();
  const avatarEditMedia = async () => (await cook.client.go().follow('me')).refresh().then((me) => me.links.get('edit-media')!.href);
  const upload = async (color: string) => {
    const res = await putImage(server, await avatarEditMedia(), cook.accessToken, await makeImage('png', 64, 64, color), 'image/png');
    return path.posix.basename((await res.json())._links.avatar.href as string);
  };

  it('deletes an unreferenced image after its grace period, and never a referenced or a recent one', async () => {
    const replaced = await upload('#112233');
    const current = await upload('#445566');
    await sweep();
    expect(await store.has(server, replaced), 'an orphan still in its grace period').to.equal(true);
    await server.sql(`update stored_images set stored_at = now() - interval '2 minutes'`);
    const report = await sweep();
    expect(report?.images).to.equal(1);
    expect(await store.has(server, replaced)).to.equal(false);
    expect(await server.sql('select 1 from stored_images where name = ?', [replaced])).to.have.length(0);
    expect(await store.has(server, current), 'the avatar in use').to.equal(true);
    expect((await server.fetch(`/images/${current}`)).status).to.equal(200);
  });

  it('stores an image again when the same bytes are uploaded after it was swept', async () => {
    const first = await upload('#778899');
    await upload('#aabbcc');
    await server.sql(`update stored_images set stored_at = now() - interval '2 minutes'`);
    await sweep();
    expect(await store.has(server, first)).to.equal(false);
    expect(await upload('#778899')).to.equal(first);
    expect(await store.has(server, first)).to.equal(true);
    expect((await server.fetch(`/images/${first}`)).status).to.equal(200);
  });

  it('deletes expired refresh tokens, old used activation links and delivered mail; keeps the rest', async () => {
    const other = await createUser(server);
    const theirs = 'user_id = (select id from users where username = ?)';
    await server.sql(`update refresh_tokens set expires_at = now() - interval '1 second' where ${theirs}`, [other.username]);
    await server.sql(`update activation_tokens set used_at = now() - interval '8 days' where ${theirs}`, [other.username]);
    await server.sql(`update mail_outbox set sent_at = now() - interval '8 days' where recipient = ?`, [other.email]);
    const report = await sweep();
    expect(report).to.include({ refreshTokens: 1, activationTokens: 1 });
    expect(report!.mails).to.be.at.least(1);
    const ownerOf = '(select id from users where username = ?)';
    expect(await server.sql(`select 1 from refresh_tokens where user_id = ${ownerOf}`, [other.username])).to.have.length(0);
    expect(await server.sql(`select 1 from refresh_tokens where user_id = ${ownerOf}`, [cook.username])).to.have.length.above(0);
    expect(await server.sql('select 1 from mail_outbox where recipient = ?', [other.email])).to.have.length(0);
    expect(await server.sql('select 1 from mail_outbox where recipient = ?', [cook.email])).to.have.length.above(0);
  });

  it('deletes accounts never activated within 7 days, freeing their username and email', async () => {
    const pending = newCredentials();
    const register = await templateTarget(server, 'register');
    expect((await postJson(register, pending)).status).to.equal(202);
    await server.sql(`update users set created_at = now() - interval '8 days' where username = ?`, [pending.username]);
    expect((await sweep())?.pendingAccounts).to.equal(1);
    expect(await server.sql('select 1 from users where username = ?', [pending.username])).to.have.length(0);
    expect((await server.fetch(`/users/${cook.username}`, { headers: { Accept: HAL } })).status, 'active accounts stay').to.equal(200);
  });
});

describe('accounts never activated expire (API.md §3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
  });
  after(async () => {
    await server?.close();
  });

  it('frees the username and email of an account not activated for 7 days, before any sweep', async () => {
    const squatter = newCredentials();
    const register = await templateTarget(server, 'register');
    expect((await postJson(register, squatter)).status).to.equal(202);
    expect((await postJson(register, { ...newCredentials(), username: squatter.username })).status).to.equal(409);
    await server.sql(`update users set created_at = now() - interval '7 days 1 minute' where username = ?`, [squatter.username]);
    expect((await login(server, squatter.username, squatter.password)).status, 'the expired account cannot log in').to.equal(401);
    const owner = await createUser(server, { username: squatter.username, email: squatter.email });
    expect(owner.username).to.equal(squatter.username);
    expect(await server.sql('select 1 from users where lower(email) = lower(?)', [squatter.email])).to.have.length(1);
  });
});

describe('maintenance: two instances sweeping at once', function () {
  let store: TestImageStore;
  let first: TestServer;
  let second: TestServer;
  before(async function () {
    // Two live instances on one schema need a real PostgreSQL (the embedded one serves one connection).
    if (!process.env.TEST_DATABASE_URL) this.skip();
    store = await testImageStore('S3 bucket');
    const env = { ...store.env, RATE_LIMIT_EXEMPT: '127.0.0.1' };
    first = await startTestServer({ env, config: { maintenance: { imageGraceSeconds: 60 } } });
    second = await startTestServer({ env, schema: first.config.databaseSchema, config: { maintenance: { imageGraceSeconds: 60 } } });
  });
  after(async () => {
    await second?.close();
    await first?.close();
    await store?.drop();
  });

  it('deletes each orphan once between them, with no error and nothing referenced touched', async () => {
    const cook = await createUser(first);
    const editMedia = (await (await cook.client.go().follow('me')).refresh()).links.get('edit-media')!.href;
    const names: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await putImage(first, editMedia, cook.accessToken, await makeImage('png', 32, 32, `#${(i * 20 + 16).toString(16)}3344`), 'image/png');
      names.push(path.posix.basename((await res.json())._links.avatar.href as string));
    }
    await first.sql(`update stored_images set stored_at = now() - interval '2 minutes'`);
    const [a, b] = await Promise.all([first.services.maintenance.runOnce(), second.services.maintenance.runOnce()]);
    expect(a!.images + b!.images).to.equal(11);
    for (const name of names.slice(0, -1)) expect(await store.has(first, name), name).to.equal(false);
    expect(await store.has(first, names.at(-1)!)).to.equal(true);
  });
});
