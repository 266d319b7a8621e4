import { expect } from 'chai';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { answerDialog, screenshot } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';

describe('explorer: logged in, driving templates, uploads and tokens (API.md §9)', function () {
  this.timeout(60_000); // a loaded CI machine renders slowly
  const suite = explorerSuite({ users: 1, developer: true }); // statuses, headers and raw properties are asserted here
  let page: Page;
  let watch: PageWatch;
  let user: TestUser;
  before(async () => {
    user = suite.users[0]!;
    ({ page, watch } = await suite.blank({ width: 1100, height: 900 }));
  });

  const tokens = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('smilecook.explorer.tokens') ?? 'null'));
  const form = (name: string) => page.locator(`#app form[data-template="${name}"]`).first();
  const property = (name: string) => page.locator(`#app > .properties-panel tr[data-property="${name}"] td`).first();

  it('logs in with the login template in the header and keeps the tokens in sessionStorage', async () => {
    await page.goto(`${suite.server.url}/explorer`);
    await page.locator('#session summary', { hasText: 'Log in' }).click();
    const login = page.locator('#session form[data-template="login"]');
    await login.locator('[name="username"]').fill(user.username);
    await login.locator('[name="password"]').fill(user.password);
    await login.locator('button[type="submit"]').click();
    await page.locator('#session .who', { hasText: `Logged in as ${user.username}` }).waitFor();
    expect(await tokens()).to.have.keys('access_token', 'refresh_token');
    await page.locator('.links-panel tr[data-rel="me"]').waitFor();
    expect(await page.locator('.templates-panel form[data-template="login"]').count()).to.equal(0);
    expect(await page.locator('.templates-panel form[data-template="logout"]').count()).to.equal(1);
    expect(watch.problems()).to.deep.equal([]);
  });

  it('submits create as JSON (numbers as numbers, empty fields left out) and follows Location', async () => {
    await page.locator('.links-panel tr[data-rel="recipes"] a.follow').click();
    await page.waitForURL(`${suite.server.url}/recipes`);
    const create = form('create');
    await create.locator('[name="name"]').fill('Tomato soup');
    await create.locator('[name="num_of_servings"]').fill('4');
    await create.locator('[name="cook_time"]').fill('25');
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url() === `${suite.server.url}/recipes`),
      create.locator('button[type="submit"]').click(),
    ]);
    expect(sent.headers()['content-type']).to.equal('application/json');
    expect(sent.headers().authorization).to.equal(`Bearer ${(await tokens()).access_token}`);
    expect(JSON.parse(sent.postData()!)).to.deep.equal({ name: 'Tomato soup', num_of_servings: 4, cook_time: 25 });
    await page.waitForURL(/\/recipes\/\d+$/);
    await page.locator('h1', { hasText: 'Tomato soup' }).waitFor();
    expect(await property('num_of_servings').textContent()).to.equal('4');
    expect(await page.locator('#notice .status').textContent()).to.match(/POST \/recipes → 201/);
    const stored = await (await suite.server.fetch(page.url(), { headers: { Authorization: `Bearer ${(await tokens()).access_token}` } })).json();
    expect(stored).to.include({ name: 'Tomato soup', num_of_servings: 4, cook_time: 25, is_publish: false });
    expect(watch.problems()).to.deep.equal([]);
  });

  it('shows problem errors[] next to the fields they point at', async () => {
    const edit = form('edit');
    expect(await edit.locator('[name="name"]').inputValue()).to.equal('Tomato soup');
    await edit.locator('[name="name"]').evaluate((input) => input.removeAttribute('maxlength'));
    await edit.locator('[name="name"]').fill('x'.repeat(201));
    await edit.locator('button[type="submit"]').click();
    await edit.locator('[data-field="name"] .field-error').waitFor();
    expect(await edit.locator('[data-field="name"] [aria-invalid="true"]').count()).to.equal(1);
    expect(await edit.locator('.form-output .status').textContent()).to.match(/PATCH \/recipes\/\d+ → 422/);
    expect(watch.problems([422])).to.deep.equal([]);
  });

  it('edits with If-Match and shows the new representation', async () => {
    const edit = form('edit');
    await edit.locator('[name="name"]').fill('Tomato soup <b>with</b> basil');
    const etag = await page.locator('.exchange-panel .headers tr', { hasText: 'ETag' }).locator('td').textContent();
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'PATCH'),
      edit.locator('button[type="submit"]').click(),
    ]);
    expect(sent.headers()['if-match']).to.equal(etag);
    await page.locator('h1', { hasText: 'Tomato soup <b>with</b> basil' }).waitFor();
    expect(await page.locator('#app b').count()).to.equal(0); // API data is text, never markup
    await form('publish').locator('button[type="submit"]').click();
    await form('unpublish').waitFor();
    expect(await property('is_publish').textContent()).to.equal('true');
    expect(watch.problems([422])).to.deep.equal([]);
  });

  it('uploads a cover on edit-media, shows it, and removes it', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c0392b' } }).png().toBuffer();
    const editor = page.locator('form.media-editor').first();
    await editor.locator('input[type="file"]').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: png });
    await editor.locator('button[type="submit"]').click();
    const cover = page.locator('figure.picture-cover img');
    await cover.waitFor();
    await page.waitForFunction(() => (document.querySelector('figure.picture-cover img') as HTMLImageElement | null)?.naturalWidth);
    await screenshot(page, 'explorer-recipe');
    await page.locator('form.media-editor button', { hasText: 'Remove image' }).click();
    await answerDialog(page, 'confirm', /^Remove the cover image\?$/);
    await cover.waitFor({ state: 'detached' });
    expect(watch.problems([422])).to.deep.equal([]);
  });

  it('refreshes the tokens once when the access token is no longer accepted', async () => {
    const before = await tokens();
    await page.evaluate(() => {
      const stored = JSON.parse(sessionStorage.getItem('smilecook.explorer.tokens')!);
      sessionStorage.setItem('smilecook.explorer.tokens', JSON.stringify({ ...stored, access_token: 'not.a.valid-token' }));
    });
    await page.reload();
    await page.locator('#session .who', { hasText: `Logged in as ${user.username}` }).waitFor();
    const after = await tokens();
    expect(after.refresh_token).to.not.equal(before.refresh_token);
    expect(after.access_token).to.not.equal('not.a.valid-token');
    expect(watch.problems([401, 422])).to.deep.equal([]);
  });

  it('deletes the recipe and lands on its collection', async () => {
    await form('delete').locator('button[type="submit"]').click();
    await answerDialog(page, 'confirm', /^Delete the recipe\?$/);
    await page.waitForURL(`${suite.server.url}/recipes`);
    await page.locator('.status', { hasText: 'GET /recipes → 200' }).waitFor();
    expect(watch.problems([401, 422])).to.deep.equal([]);
  });

  it('logs out with the logout template and forgets the tokens', async () => {
    const { access_token: accessToken } = await tokens();
    await page.locator('#session button.logout').click();
    await answerDialog(page, 'confirm', /^Log out\?$/);
    await page.locator('#session summary', { hasText: 'Log in' }).waitFor();
    await page.waitForURL(`${suite.server.url}/`); // the home page, as anybody
    expect(await tokens()).to.equal(null);
    const revoked = await suite.server.fetch('/', { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(revoked.status).to.equal(401);
    expect(watch.problems([401, 422])).to.deep.equal([]);
  });

  it('forgets tokens that can no longer be refreshed and carries on anonymously', async () => {
    await page.evaluate(() => sessionStorage.setItem('smilecook.explorer.tokens', JSON.stringify({ access_token: 'stale', refresh_token: 'stale' })));
    await page.reload();
    await page.locator('#session summary', { hasText: 'Log in' }).waitFor();
    await page.locator('.exchange-panel .status', { hasText: /^GET \/ → 200/ }).waitFor();
    expect(await tokens()).to.equal(null);
    expect(watch.problems([401, 422])).to.deep.equal([]);
  });
});
