import { expect } from 'chai';
import { ACCOUNT_TEST_ENV, newCredentials, postJson, templateTarget } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** 254 characters: a 64-character local part and a domain of labels ≤ 63 characters. */
function emailOfLength(length: number, tag: string): string {
  const local = `${tag}`.padEnd(64, 'x');
  const tld = '.test';
  const labels = ['d'.repeat(50), 'd'.repeat(50), 'd'.repeat(50)].join('.');
  return `${local}@${labels}.${'e'.repeat(length - local.length - 1 - labels.length - 1 - tld.length)}${tld}`;
}

describe('accounts: registration rules (username, email, password, unknown fields)', () => {
  let server: TestServer;
  let target: string;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
    target = await templateTarget(server, 'register');
  });
  after(async () => {
    await server?.close();
  });

  const register = (body: Record<string, unknown>) => postJson(target, body);

  async function expect422(res: Response, pointer: string): Promise<void> {
    expect(res.status, `${pointer}: ${res.status}`).to.equal(422);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const problem = await res.json() as { type: string; status: number; errors: { pointer: string }[] };
    expect(problem.type).to.equal('/problems/validation-failed');
    expect(problem.status).to.equal(422);
    expect(problem.errors.map((e) => e.pointer)).to.include(pointer);
  }

  async function usersWithEmail(email: string): Promise<number> {
    const rows = await server.sql<{ n: string }>('select count(*) as n from users where lower(email) = lower(?)', [email]);
    return Number(rows[0]!.n);
  }

  it('accepts usernames of 3 to 30 characters of [A-Za-z0-9_.-]', async () => {
    for (const username of ['abc', 'A'.repeat(30), 'a_b.c-D9', '...', '_-_']) {
      const res = await register({ ...newCredentials(), username });
      expect(res.status, username).to.equal(202);
    }
  });

  it('rejects usernames that are too short, too long or have other characters (422 /username), storing nothing', async () => {
    const bad = ['', 'ab', 'B'.repeat(31), 'with space', 'ümlaut', 'semi;colon', 'sl/ash', 'a@b.test', 'tab\tx', 'new\nline'];
    for (const username of bad) {
      const credentials = { ...newCredentials(), username };
      await expect422(await register(credentials), '/username');
      expect(await usersWithEmail(credentials.email)).to.equal(0);
    }
    await expect422(await register({ ...newCredentials(), username: 12345 }), '/username');
  });

  it('says in the problem which characters a username may have, the quoted "." and "-" included', async () => {
    const problem = await (await register({ ...newCredentials(), username: 'with space' })).json() as { detail: string; errors: { detail: string }[] };
    expect(problem.errors.map((error) => error.detail)).to.deep.equal(['username must be 3–30 letters, digits, "_", "." or "-"']);
    expect(problem.detail).to.equal('The body\'s username must be 3–30 letters, digits, "_", "." or "-".');
  });

  it('accepts a valid email up to 254 characters and rejects malformed or longer ones (422 /email)', async () => {
    const longest = emailOfLength(254, 'long');
    expect(longest).to.have.length(254);
    expect((await register({ ...newCredentials(), email: longest })).status).to.equal(202);
    const bad = ['no-at-sign', 'user@', '@example.test', 'two@@example.test', 'spa ce@example.test',
      'trailing@example.test ', 'user@example', 'ünicode@example.test', emailOfLength(255, 'longer')];
    for (const email of bad) await expect422(await register({ ...newCredentials(), email }), '/email');
  });

  it('counts password length in characters: 15–256 accepted, 14 and 257 rejected (422 /password)', async () => {
    const withoutPassword: Record<string, unknown> = newCredentials();
    delete withoutPassword.password;
    const ok = async (password: string) => expect((await register({ ...newCredentials(), password })).status).to.equal(202);
    await ok('x'.repeat(14) + 'y');
    await ok('v'.repeat(255) + 'w');
    await ok('😀'.repeat(15)); // 15 characters, 30 UTF-16 code units
    await ok('ü'.repeat(256));
    await expect422(await register({ ...newCredentials(), password: 'x'.repeat(13) + 'y' }), '/password');
    await expect422(await register({ ...newCredentials(), password: 'v'.repeat(256) + 'w' }), '/password');
    await expect422(await register({ ...newCredentials(), password: '😀'.repeat(14) }), '/password'); // 28 code units
    await expect422(await register({ ...newCredentials(), password: '😀'.repeat(257) }), '/password');
    await expect422(await register(withoutPassword), '/password');
    await expect422(await register({ ...newCredentials(), password: 123456789012345680 }), '/password');
  });

  it('rejects a password from the common-password dictionary, in any case, but not a longer variant', async () => {
    for (const password of ['passwordpassword', 'PasswordPassword', '1qaz2wsx3edc4rfv', 'qazwsxedcrfvtgb']) {
      const credentials = { ...newCredentials(), password };
      const res = await register(credentials);
      await expect422(res, '/password');
      expect(await usersWithEmail(credentials.email)).to.equal(0);
    }
    expect((await register({ ...newCredentials(), password: 'passwordpassword!' })).status).to.equal(202);
  });

  it('rejects unknown and read-only fields (422 pointing at them) and ignores HAL members', async () => {
    for (const field of ['is_active', 'id', 'created_at', 'avatar_url', 'role']) {
      const credentials = newCredentials();
      await expect422(await register({ ...credentials, [field]: field === 'is_active' ? true : 'x' }), `/${field}`);
      expect(await usersWithEmail(credentials.email)).to.equal(0);
    }
    const res = await register({ ...newCredentials(), _links: { self: { href: '/x' } }, _templates: {} });
    expect(res.status).to.equal(202);
  });

  it('answers 409 for a username taken in another case, storing nothing and sending no mail', async () => {
    const first = newCredentials('Taken');
    expect((await register(first)).status).to.equal(202);
    const second = { ...newCredentials(), username: first.username.toUpperCase() };
    const res = await register(second);
    expect(res.status).to.equal(409);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect((await res.json()).type).to.equal('/problems/username-taken');
    expect(await usersWithEmail(second.email)).to.equal(0);
    const mails = await server.sql('select id from mail_outbox where lower(recipient) = lower(?)', [second.email]);
    expect(mails).to.have.length(0);
  });

  it('rejects a body that is not JSON or not an object, and another content type', async () => {
    await expect422(await register([] as unknown as Record<string, unknown>), '');
    const text = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(text.status).to.equal(415);
    const broken = await fetch(target, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":' });
    expect(broken.status).to.equal(400);
  });
});
