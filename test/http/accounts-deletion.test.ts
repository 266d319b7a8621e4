import { expect } from 'chai';
import { accepted, ownPage, refusal } from '../support/account-life.ts';
import { ACCOUNT_TEST_ENV, createUser, postJson, templateTarget, type TestUser } from '../support/accounts.ts';
import { makeImage, putImage } from '../support/images.ts';
import { createRecipe, HAL, publishedRecipe, recipeState } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** delete-account (API.md §3, issue 18): everything of the account goes, at once and everywhere, and its names are free again. */
describe('accounts: delete account', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: ACCOUNT_TEST_ENV, config: { maintenance: { imageGraceSeconds: 0 } } });
  });
  after(async () => {
    await server?.close();
  });

  const count = async (sql: string, values: unknown[] = []) => Number((await server.sql<{ n: string }>(sql, values))[0]!.n);
  const status = async (url: string, token?: string) =>
    (await server.fetch(url, { headers: { Accept: HAL, ...(token && { Authorization: `Bearer ${token}` }) } })).status;
  const published = () => count('select count(*) as n from recipes where is_publish');
  /** The total of published recipes, or of a search, by the root's links (fresh: a new client). */
  const totalOf = async (q?: string) => {
    const list = q === undefined ? await server.client().go().follow('recipes') : await server.client().go().follow('search', { q });
    return ((await list.get()).data as { total: number }).total;
  };
  const coverOf = async (user: TestUser, url: string, color: string) => {
    const image = await makeImage('png', 32, 32, color);
    const res = await putImage(server, (await recipeState(user, url)).links.get('edit-media')!.href, user.accessToken, image, 'image/png');
    return ((await res.json()) as { cover_url: string }).cover_url;
  };

  it('erases the account, its recipes (drafts too), images, sessions, links and mail in one go; every URL of them is a 404 after', async () => {
    const cook = await createUser(server);
    const other = await createUser(server);
    const theirs = await publishedRecipe(other, { name: 'Neighbour stew' });
    const avatarEdit = (await ownPage(cook)).links.get('edit-media')!.href;
    const uploaded = await putImage(server, avatarEdit, cook.accessToken, await makeImage('png', 24, 24, '#123456'), 'image/png');
    const avatar = ((await uploaded.json()) as { avatar_url: string }).avatar_url;
    const recipes = [await publishedRecipe(cook, { name: 'Quincewobble tart' }), await publishedRecipe(cook, { name: 'Quincewobble jam' })];
    recipes.push(await createRecipe(cook, { name: 'Quincewobble draft' }));
    const covers = [await coverOf(cook, recipes[0]!, '#aa0000'), await coverOf(cook, recipes[2]!, '#00aa00')];
    await (await ownPage(cook)).action('change-email').submit({ current_password: cook.password, new_email: `moving.${cook.email}` });
    const userUrl = (await ownPage(cook)).links.get('self')!.href;
    const listUrl = (await ownPage(cook)).links.get('recipes')!.href;
    const countsOf = (username: string) => server.sql('select published_recipes, draft_recipes from users where username = ?', [username]);
    const before = { total: await totalOf(), search: await totalOf('quincewobble'), otherCounts: await countsOf(other.username) };
    expect(before.search).to.equal(2);
    const id = (await server.sql<{ id: number }>('select id from users where username = ?', [cook.username]))[0]!.id;

    await (await ownPage(cook)).action('delete-account').submit({ password: cook.password });

    for (const url of [userUrl, listUrl, ...recipes, avatar, ...covers]) {
      expect(await status(url), url).to.equal(404);
      expect(await status(url, other.accessToken), `${url} for another user`).to.equal(404);
    }
    expect(await totalOf()).to.equal(before.total - 2);
    expect(await totalOf('quincewobble')).to.equal(0);
    expect(await count('select coalesce(sum(published), 0) as n from recipe_stats_slots')).to.equal(await published());
    expect(await countsOf(other.username)).to.deep.equal(before.otherCounts);
    expect(await status(theirs)).to.equal(200);
    expect(await accepted(server, cook.accessToken), 'the access token').to.equal(false);
    expect((await postJson(await templateTarget(server, 'refresh'), { refresh_token: cook.refreshToken })).status).to.equal(401);
    for (const table of ['recipes', 'sessions', 'refresh_tokens', 'activation_tokens', 'account_tokens']) {
      expect(await count(`select count(*) as n from ${table} where user_id = ?`, [id]), table).to.equal(0);
    }
    // Only the notice of the deletion is left of the mail to its addresses (the email change's link went too).
    const mails = await server.sql<{ subject: string; text_body: string }>(
      'select subject, text_body from mail_outbox where lower(recipient) in (lower(?), lower(?))', [cook.email, `moving.${cook.email}`]);
    expect(mails.map((mail) => mail.subject)).to.deep.equal(['Your Smilecook account was deleted']);
    expect(mails[0]!.text_body).to.match(/3 recipes/).and.match(/UTC/);
    // The maintenance job deletes the files nobody shows any more.
    const files = [avatar, ...covers].map((url) => url.split('/').pop());
    expect((await server.services.maintenance.runOnce())!.images).to.be.at.least(3);
    expect(await count('select count(*) as n from stored_images where name in (?, ?, ?)', files)).to.equal(0);
  });

  it('frees the username and the email address at once', async () => {
    const cook = await createUser(server);
    await (await ownPage(cook)).action('delete-account').submit({ password: cook.password });
    const again = await createUser(server, { username: cook.username, email: cook.email, password: 'a brand new passphrase for the new one' });
    expect((await ownPage(again)).data).to.include({ username: cook.username, email: cook.email });
  });

  it('refuses a wrong password (403 wrong-password), anybody else (403) and anonymous callers (401), deleting nothing', async () => {
    const cook = await createUser(server);
    const other = await createUser(server);
    const page = await ownPage(cook);
    expect(await refusal(page.action('delete-account').submit({ password: 'not the right password' }))).to.deep.equal({ status: 403, type: 'wrong-password' });
    const target = page.action('delete-account').uri;
    const asOther = await postJson(target, { password: other.password }, { Authorization: `Bearer ${other.accessToken}`, Accept: HAL });
    expect([asOther.status, ((await asOther.json()) as { type: string }).type]).to.deep.equal([403, '/problems/forbidden']);
    expect((await postJson(target, { password: cook.password }, { Accept: HAL })).status).to.equal(401);
    expect(await status(page.links.get('self')!.href)).to.equal(200);
  });
});
