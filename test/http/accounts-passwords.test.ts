import { expect } from 'chai';
import { Problem } from 'ketting';
import { ACCOUNT_TEST_ENV, createUser, newCredentials } from '../support/accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('accounts: password storage (argon2id, never truncated, NFKC)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV });
  });
  after(async () => {
    await server?.close();
  });

  /** Submits the root's login template; resolves to the HTTP status. */
  async function loginStatus(username: string, password: string): Promise<number> {
    const root = await server.client().go().get();
    try {
      await root.action('login').submit({ username, password });
      return 200;
    } catch (error) {
      if (error instanceof Problem) return error.status;
      throw error;
    }
  }

  it('stores argon2id with m=19456, t=2, p=1 and never the password itself', async () => {
    const user = await createUser(server);
    const rows = await server.sql<{ password_hash: string }>('select password_hash from users where username = ?', [user.username]);
    expect(rows[0]!.password_hash).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0]!.password_hash).to.not.include(user.password);
  });

  it('uses every character: a password differing only after character 72 does not log in', async () => {
    const password = `${'correct horse battery staple '.repeat(3).slice(0, 72)}and then some more words`;
    expect(password.length).to.be.greaterThan(90);
    const user = await createUser(server, { password });
    expect(await loginStatus(user.username, password)).to.equal(200);
    expect(await loginStatus(user.username, password.slice(0, 72))).to.equal(401);
    expect(await loginStatus(user.username, `${password.slice(0, 72)}and then some more wordz`)).to.equal(401);
    expect(await loginStatus(user.username, `${password.slice(0, 72)}AND THEN SOME MORE WORDS`)).to.equal(401);
  });

  it('accepts a 256-character password whole, and a multi-byte one beyond 72 bytes', async () => {
    const longest = Array.from({ length: 256 }, (_, i) => String.fromCharCode(97 + (i * 7) % 26)).join('');
    const user = await createUser(server, { password: longest });
    expect(await loginStatus(user.username, longest)).to.equal(200);
    expect(await loginStatus(user.username, `${longest.slice(0, 255)}!`)).to.equal(401);

    const emoji = '🍲🍜🍝🍛🍣🍱🥘🍳🥗🍰🍪🍩🥧🍮🍯🍵🍶🍷🍸🍹'; // 20 characters, 80 bytes in UTF-8
    const other = `${emoji.slice(0, -2)}🍺`;
    const cook = await createUser(server, { password: emoji });
    expect(await loginStatus(cook.username, emoji)).to.equal(200);
    expect(await loginStatus(cook.username, other)).to.equal(401);
  });

  it('compares passwords after Unicode NFKC normalization (NIST SP 800-63B-4)', async () => {
    const composed = 'crème brûlée for sixteen people';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).to.not.equal(composed);
    const user = await createUser(server, { ...newCredentials(), password: decomposed });
    expect(await loginStatus(user.username, composed)).to.equal(200);
    const ligature = await createUser(server, { password: 'ﬁne ﬂour and a little salt' });
    expect(await loginStatus(ligature.username, 'fine flour and a little salt')).to.equal(200);
  });
});
