import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TestUser } from '../support/accounts.ts';
import type { PageWatch } from '../support/browser.ts';
import { expectNoTokenShown, goInPage, storedTokens } from '../support/explorer-page.ts';
import { explorerSuite } from '../support/explorer-suite.ts';

describe('explorer: secrets stay hidden', function () {
  this.timeout(60_000);
  const suite = explorerSuite({ users: 1 });
  let user: TestUser;
  let page: Page;
  let watch: PageWatch;
  before(() => {
    user = suite.users[0]!;
  });

  const tokenField = (template: string) => page.locator(`#app form[data-template="${template}"] [name="refresh_token"]`);

  it('shows no refresh-token form to a person (the explorer refreshes by itself), and one with a password field in the developer view', async () => {
    ({ page, watch } = await suite.open());
    expect(await page.locator('#app form[data-template="refresh"], #app [name="refresh_token"]').count()).to.equal(0);
    ({ page, watch } = await suite.open(undefined, undefined, { developer: true }));
    expect(await tokenField('refresh').getAttribute('type')).to.equal('password');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('keeps the session\'s refresh token out of the Refresh and Log out forms, and sends it from the tab\'s storage', async () => {
    ({ page, watch } = await suite.open(user, undefined, { developer: true }));
    await page.locator('#notice .status', { hasText: 'POST /tokens → 200' }).waitFor();
    await expectNoTokenShown(page, 'after login (the notice shows the token answer)');
    for (const template of ['refresh', 'logout']) {
      expect(await tokenField(template).getAttribute('type'), template).to.equal('hidden');
      expect(await tokenField(template).inputValue(), template).to.equal('');
    }
    const before = (await storedTokens(page))!;
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/tokens/refresh'),
      page.locator('#app form[data-template="refresh"] button[type="submit"]').click(),
    ]);
    expect(JSON.parse(sent.postData()!)).to.deep.equal({ refresh_token: before.refresh_token });
    await page.waitForFunction((old) => JSON.parse(sessionStorage.getItem('smilecook.explorer.tokens') ?? 'null')?.refresh_token !== old, before.refresh_token);
    await page.locator('#app form[data-template="refresh"]').waitFor();
    await expectNoTokenShown(page, 'after refresh');
    expect(watch.problems()).to.deep.equal([]);
  });

  it('shows no token on any page of a session, whatever is opened', async () => {
    ({ page, watch } = await suite.open(user));
    for (const uri of ['/', '/recipes', '/me', `/users/${user.username}/recipes?visibility=all`]) {
      await goInPage(page, uri);
      await expectNoTokenShown(page, uri);
    }
    expect(watch.problems()).to.deep.equal([]);
  });
});
