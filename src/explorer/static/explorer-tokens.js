// @ts-check
/**
 * The session's tokens, kept in sessionStorage (this tab only; the API sets no cookies).
 */
const KEY = 'smilecook.explorer.tokens';

/** @typedef {{ access_token: string, refresh_token: string }} Tokens */

/** @returns {Tokens | null} */
export function getTokens() {
  try {
    const tokens = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return tokens && typeof tokens.access_token === 'string' ? tokens : null;
  } catch {
    return null;
  }
}

/** Keeps the tokens of a login or refresh response; returns whether the body had them. @param {any} body */
export function rememberTokens(body) {
  if (!body || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') return false;
  sessionStorage.setItem(KEY, JSON.stringify({ access_token: body.access_token, refresh_token: body.refresh_token }));
  return true;
}

export function forgetTokens() {
  sessionStorage.removeItem(KEY);
}
