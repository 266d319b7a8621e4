// @ts-check
/**
 * The session bar: who is logged in (the entry point's `me` link) with their shortcuts and
 * `logout` (after a confirmation); when anonymous, the `login` template (a popover that Escape
 * closes) and "Create an account" (the `register` form). Tokens refresh by themselves on 401
 * invalid_token, with the entry point's `refresh` template.
 */
import { confirmAction, LOGOUT_CONFIRMATION } from './explorer-confirm.js';
import { byId, h, show } from './explorer-dom.js';
import { submitTemplate, templateForm } from './explorer-forms.js';
import { request, setPublicBase } from './explorer-http.js';
import { asLinks, followAnchor } from './explorer-links.js';
import { headerShortcuts } from './explorer-smilecook.js';
import { forgetTokens, getTokens, rememberTokens } from './explorer-tokens.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').HalResource} HalResource */
/** @typedef {import('./explorer-types').HalFormsTemplate} HalFormsTemplate */
/** @typedef {import('./explorer-types').HalLink} HalLink */

export const rootUrl = () => new URL('/', location.href).href;

/** Uses the entry point's `refresh` template once; resolves to whether new tokens were kept. */
export async function refreshTokens() {
  const tokens = getTokens();
  if (!tokens) return false;
  const root = await request(rootUrl(), { auth: false });
  const template = /** @type {HalResource | null} */ (root.body)?._templates?.refresh;
  if (!template) return false;
  const res = await request(template.target ?? rootUrl(), {
    method: String(template.method ?? 'POST').toUpperCase(),
    auth: false,
    headers: { 'Content-Type': template.contentType ?? 'application/json' },
    body: JSON.stringify({ refresh_token: tokens.refresh_token }),
  });
  return res.ok && rememberTokens(res.body);
}

/** @param {App} app @param {HalFormsTemplate | undefined} template */
function logoutButton(app, template) {
  const button = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'logout secondary-dark', text: 'Log out' }));
  button.addEventListener('click', async () => {
    if (!(await confirmAction(LOGOUT_CONFIRMATION))) return;
    button.disabled = true;
    try {
      if (!template) {
        forgetTokens();
        await app.refreshSession();
        return await app.reload();
      }
      const field = { name: 'refresh_token', secret: true };
      await submitTemplate(app, {
        name: 'logout', template, fields: /** @type {any} */ ([field]), read: () => getTokens()?.refresh_token ?? '', target: template.target ?? rootUrl(),
      });
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** @type {HTMLDetailsElement | null} */
let openPopover = null;
document.addEventListener('click', (event) => {
  if (openPopover?.open && !openPopover.contains(/** @type {Node} */ (event.target))) openPopover.open = false;
});

/**
 * The login popover: Escape (or a click elsewhere) closes it and gives the focus back to its
 * toggle; under the form, the way to a new password when the entry point offers `forgot-password`.
 * @param {App} app @param {HalFormsTemplate} template @param {HalFormsTemplate | undefined} forgot
 */
function loginPopover(app, template, forgot) {
  const summary = h('summary', { text: 'Log in' });
  const form = templateForm(app, 'login', template, { compact: true });
  if (forgot) {
    form.append(h('p', { class: 'login-forgot' }, followAnchor(app, { href: `${rootUrl()}#forgot-password` }, forgot.title?.replace(/\?.*$/, '?') ?? 'Forgot your password?', 'follow forgot')));
  }
  const popover = /** @type {HTMLDetailsElement} */ (h('details', { class: 'login' }, summary, form));
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

/** Opens the login popover (an error page's "Log in"), once the click that asked has done closing popovers. */
export function openLogin() {
  setTimeout(() => {
    if (!openPopover) return;
    openPopover.open = true;
    openPopover.scrollIntoView({ block: 'nearest' });
  });
}

/** The caller's own links from `me`: its self, recipes and drafts. @param {HalLink} me */
async function ownLinks(me) {
  const res = await request(me.href);
  const body = /** @type {HalResource | null} */ (res.ok ? res.body : null);
  const links = body?._links ?? {};
  return {
    self: asLinks(links.self)[0]?.href ?? me.href, title: me.title ?? 'Your account',
    recipes: asLinks(links.recipes)[0]?.href ?? null, drafts: asLinks(links.drafts)[0] ?? null,
  };
}

/** Loads the entry point (as the caller) and renders the session bar from it. @param {App} app */
export async function loadSession(app) {
  const bar = byId('session');
  const res = await request(rootUrl());
  const root = /** @type {HalResource} */ (res.body && typeof res.body === 'object' ? res.body : {});
  app.root = root;
  const self = asLinks(root._links?.self)[0];
  if (self) setPublicBase(self.href);
  const me = asLinks(root._links?.me)[0];
  const templates = root._templates ?? {};
  app.me = me ? await ownLinks(me) : null;
  openPopover = null;
  if (me && app.me) {
    show(bar, h('span', { class: 'who' }, h('span', { class: 'who-label', text: 'Logged in as ' }), followAnchor(app, me, app.me.title, 'me')),
      headerShortcuts(app), logoutButton(app, templates.logout));
  } else if (templates.login) {
    show(bar, loginPopover(app, templates.login, templates['forgot-password']),
      templates.register ? followAnchor(app, { href: `${rootUrl()}#register` }, templates.register.title ?? 'Create an account', 'follow register') : null);
  } else {
    show(bar, h('span', { class: 'who', text: getTokens() ? 'Your session has ended' : 'Not logged in' }), getTokens() ? logoutButton(app, undefined) : null);
  }
}
