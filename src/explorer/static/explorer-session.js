/**
 * The session bar: who is logged in (the entry point's `me` link) and their drafts (the
 * `drafts` link of `me`), the `login` template when anonymous (a popover that Escape closes),
 * `logout` when logged in (after a confirmation); and the token refresh used on 401 invalid_token.
 */
import { confirmAction, LOGOUT_CONFIRMATION } from './explorer-confirm.js';
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
    if (!(await confirmAction(LOGOUT_CONFIRMATION))) return;
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

let openPopover = null;
document.addEventListener('click', (event) => {
  if (openPopover?.open && !openPopover.contains(event.target)) openPopover.open = false;
});

/** The login popover: Escape (or a click elsewhere) closes it and gives the focus back to its toggle. */
function loginPopover(app, template) {
  const summary = h('summary', { text: 'Log in' });
  const popover = h('details', { class: 'login' }, summary, templateForm(app, 'login', template, { compact: true }));
  popover.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !popover.open) return;
    event.preventDefault();
    popover.open = false;
    summary.focus();
  });
  popover.addEventListener('toggle', () => {
    if (popover.open) popover.querySelector('input')?.focus();
  });
  openPopover = popover;
  return popover;
}

/** The caller's own links from `me`: its self, recipes and drafts. */
async function ownLinks(me) {
  const res = await request(me.href);
  const links = res.ok && res.body?._links ? res.body._links : {};
  return { self: asLinks(links.self)[0]?.href ?? me.href, recipes: asLinks(links.recipes)[0]?.href ?? null, drafts: asLinks(links.drafts)[0] ?? null };
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
  app.me = me ? await ownLinks(me) : null;
  if (me) {
    const drafts = app.me.drafts;
    show(bar, h('span', { class: 'who' }, h('span', { class: 'who-label', text: 'Logged in as ' }), followAnchor(app, me, me.title ?? 'me', 'me')),
      drafts ? followAnchor(app, drafts, 'Your drafts', 'drafts') : null, logoutButton(app, templates.logout));
    if (drafts?.title) bar.querySelector('a.drafts')?.setAttribute('title', drafts.title);
  } else if (templates.login) {
    show(bar, loginPopover(app, templates.login));
  } else {
    show(bar, h('span', { class: 'who', text: getTokens() ? 'Token not accepted' : 'Anonymous' }),
      getTokens() ? logoutButton(app, null) : null);
  }
}
