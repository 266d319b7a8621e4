/**
 * HTTP for the explorer: negotiation, the bearer token, one refresh on 401 invalid_token, and
 * mapping hrefs on PUBLIC_BASE_URL to the origin this page was loaded from.
 */
import { forgetTokens, getTokens } from './explorer-tokens.js';

const ACCEPT = 'application/prs.hal-forms+json, application/hal+json;q=0.9, application/json;q=0.8, */*;q=0.1';

let publicBase = null;
let refresher = null;
let refreshing = null;
let onSessionLost = () => {};

/** Learns the API's public base from the entry point's self link (e.g. https://api.example/). */
export function setPublicBase(rootSelfHref) {
  const root = new URL(rootSelfHref, location.href);
  const base = root.origin + root.pathname.replace(/\/+$/, '');
  publicBase = root.origin === location.origin ? null : base;
}

/** Resolves an href against the page, mapping the public base to this origin. */
export function toLocal(href) {
  const url = new URL(href, location.href).href;
  if (publicBase && (url === publicBase || url.startsWith(`${publicBase}/`) || url.startsWith(`${publicBase}?`))) {
    return location.origin + (url.slice(publicBase.length) || '/');
  }
  return url;
}

/** toLocal for display: null for hrefs that do not parse or are not http(s) (never `javascript:`). */
export function safeUrl(href) {
  try {
    const url = toLocal(href);
    return /^https?:/i.test(url) ? url : null;
  } catch {
    return null;
  }
}

export const isLocal = (href) => safeUrl(href)?.startsWith(`${location.origin}/`) ?? false;

/** `refresh()` resolves to true when it got new tokens; `lost()` runs when they had to be forgotten. */
export function setTokenRefresher(refresh, lost) {
  refresher = refresh;
  onSessionLost = lost;
}

function refreshOnce() {
  refreshing ??= refresher().catch(() => false).finally(() => { refreshing = null; });
  return refreshing;
}

function isJson(type) {
  return /^application\/([\w.+-]+\+)?json\b/i.test(type);
}

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
    problem: /^application\/problem\+json/i.test(type) && body && typeof body === 'object' ? body : null,
  };
}

/**
 * One request. Options: method, headers, body, auth (send the bearer token; default true), accept, cache.
 * Resolves to { url, method, status, statusText, ok, headers, type, body, text, blob, finalUrl, problem }.
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
