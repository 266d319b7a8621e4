// @ts-check
/**
 * HTTP for the explorer: negotiation, the bearer token, one refresh on 401 invalid_token, and
 * mapping hrefs on PUBLIC_BASE_URL to the origin this page was loaded from.
 */
import { forgetTokens, getTokens } from './explorer-tokens.js';

const ACCEPT = 'application/prs.hal-forms+json, application/hal+json;q=0.9, application/json;q=0.8, */*;q=0.1';

/** @typedef {import('./explorer-types').Res} Res */

/** @type {string | null} */
let publicBase = null;
/** @type {(() => Promise<boolean>) | null} */
let refresher = null;
/** @type {Promise<boolean> | null} */
let refreshing = null;
/** @type {() => void} */
let onSessionLost = () => {};

/** Learns the API's public base from the entry point's self link (e.g. https://api.example/). @param {string} rootSelfHref */
export function setPublicBase(rootSelfHref) {
  const root = new URL(rootSelfHref, location.href);
  const base = root.origin + root.pathname.replace(/\/+$/, '');
  publicBase = root.origin === location.origin ? null : base;
}

/** Resolves an href against the page, mapping the public base to this origin. @param {string} href */
export function toLocal(href) {
  const url = new URL(href, location.href).href;
  if (publicBase && (url === publicBase || url.startsWith(`${publicBase}/`) || url.startsWith(`${publicBase}?`))) {
    return location.origin + (url.slice(publicBase.length) || '/');
  }
  return url;
}

/**
 * toLocal for display: null for hrefs that do not parse or are not http(s) (never `javascript:`).
 * @param {unknown} href
 * @returns {string | null}
 */
export function safeUrl(href) {
  if (typeof href !== 'string') return null;
  try {
    const url = toLocal(href);
    return /^https?:/i.test(url) ? url : null;
  } catch {
    return null;
  }
}

/** @param {string} href */
export const isLocal = (href) => safeUrl(href)?.startsWith(`${location.origin}/`) ?? false;

/**
 * `refresh()` resolves to true when it got new tokens; `lost()` runs when they had to be forgotten.
 * @param {() => Promise<boolean>} refresh
 * @param {() => void} lost
 */
export function setTokenRefresher(refresh, lost) {
  refresher = refresh;
  onSessionLost = lost;
}

function refreshOnce() {
  const refresh = refresher;
  if (!refresh) return Promise.resolve(false);
  refreshing ??= refresh().catch(() => false).finally(() => { refreshing = null; });
  return refreshing;
}

/** @param {string} type */
function isJson(type) {
  return /^application\/([\w.+-]+\+)?json\b/i.test(type);
}

/** @param {Response} response @param {string} method @param {string} url @returns {Promise<Res>} */
async function readResponse(response, method, url) {
  const type = response.headers.get('Content-Type') ?? '';
  let body = null;
  let text = '';
  let blob = null;
  // Images are read as blobs: a draft's cover is served only with the owner's token, which an
  // <img src> would not send, so the page shows them through object URLs (CSP img-src blob:).
  if (method !== 'HEAD' && response.ok && type.startsWith('image/')) blob = await response.blob();
  else if (method !== 'HEAD' && response.status !== 204 && !type.startsWith('image/')) {
    text = await response.text();
    if (isJson(type)) {
      try { body = JSON.parse(text); } catch { body = null; }
    }
  }
  return {
    url, method, status: response.status, statusText: response.statusText, ok: response.ok,
    headers: response.headers, type, body, text, blob, finalUrl: response.url,
    problem: /^application\/problem\+json/i.test(type) && body && typeof body === 'object' ? /** @type {import('./explorer-types').Problem} */ (body) : null,
  };
}

/**
 * @typedef {object} RequestOptions
 * @property {string} [method]
 * @property {Record<string, string>} [headers]
 * @property {BodyInit} [body]
 * @property {boolean} [auth] send the bearer token (default true)
 * @property {string} [accept]
 * @property {RequestCache} [cache]
 */

/**
 * One request; resolves to the answer as the explorer reads it.
 * @param {string} href
 * @param {RequestOptions} [options]
 * @returns {Promise<Res>}
 */
export async function request(href, { method = 'GET', headers = {}, body, auth = true, accept = ACCEPT, cache = 'no-cache' } = {}) {
  const url = toLocal(href);
  const send = () => {
    const tokens = auth ? getTokens() : null;
    return fetch(url, {
      method, body, cache,
      headers: { Accept: accept, ...(tokens && { Authorization: `Bearer ${tokens.access_token}` }), ...headers },
    });
  };
  let response = await send();
  const challenge = response.headers.get('WWW-Authenticate') ?? '';
  if (response.status === 401 && auth && getTokens() && /invalid_token/.test(challenge) && refresher) {
    const refreshed = await refreshOnce();
    if (!refreshed && getTokens()) {
      forgetTokens();
      onSessionLost();
    }
    response = await send();
  }
  return readResponse(response, method, url);
}
