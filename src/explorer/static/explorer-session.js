/**
 * The session bar: who is logged in (the entry point's `me` link), the `login` template when
 * anonymous, `logout` when logged in; and the token refresh used on 401 invalid_token.
 */
import { h, show } from './explorer-dom.js';
import { submitTemplate, templateForm } from './explorer-forms.js';
import { request, setPublicBase } from './explorer-http.js';
import { asLinks, followAnchor } from './explorer-links.js';
import { forgetTokens, getTokens, rememberTokens } from './explorer-tokens.js';

export const rootUrl = () => new URL('/', location.href).href;

/** Uses the entry point's `refresh` template once; resolves to whether new tokens were kept. */
export async function refreshTokens() {
  const tokens = getTokens();
  if (!tokens) return false;
  const root = await request(rootUrl(), { auth: false });
  const template = root.body?._templates?.refresh;
  if (!template) return false;
  const res = await request(template.target ?? rootUrl(), {
    method: String(template.method ?? 'POST').toUpperCase(),
    auth: false,
    headers: { 'Content-Type': template.contentType ?? 'application/json' },
    body: JSON.stringify({ refresh_token: tokens.refresh_token }),
  });
  return res.ok && rememberTokens(res.body);
}

function logoutButton(app, template) {
  const button = h('button', { type: 'button', class: 'logout', text: 'Log out' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if (!template) {
        forgetTokens();
        await app.refreshSession();
        return await app.reload();
      }
      const values = { refresh_token: getTokens()?.refresh_token ?? '' };
      await submitTemplate(app, { name: 'logout', template, values, target: template.target ?? rootUrl() });
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** Loads the entry point (as the caller) and renders the session bar from it. */
export async function loadSession(app) {
  const bar = document.getElementById('session');
  const res = await request(rootUrl());
  const root = res.body && typeof res.body === 'object' ? res.body : {};
  const self = asLinks(root._links?.self)[0];
  if (self) setPublicBase(self.href);
  const me = asLinks(root._links?.me)[0];
  const templates = root._templates ?? {};
  if (me) {
    show(bar, h('span', { class: 'who' }, 'Logged in as ', followAnchor(app, me, me.title ?? 'me', 'me')), ' ',
      logoutButton(app, templates.logout));
  } else if (templates.login) {
    show(bar, h('details', { class: 'login' }, h('summary', { text: 'Log in' }),
      templateForm(app, 'login', templates.login, { compact: true })));
  } else {
    show(bar, h('span', { class: 'who', text: getTokens() ? 'Token not accepted' : 'Anonymous' }),
      getTokens() ? logoutButton(app, null) : null);
  }
}
