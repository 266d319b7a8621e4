// @ts-check
/**
 * Tiny DOM builder. Text is always inserted as text nodes (never innerHTML), event handlers are
 * attached with addEventListener (the CSP forbids inline handlers).
 */
const PROPERTIES = new Set(['value', 'checked']);

/** @typedef {Node | string | number | null | undefined | false} Child */
/** @typedef {Child | Child[] | any[]} Children (nested arrays are flattened) */

/** @param {Element} element @param {Children[]} children */
function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/**
 * h('a', { href, class: 'x', onclick: fn }, 'text', otherNode)
 * @param {string} tag
 * @param {Record<string, any>} [props]
 * @param {...Children} children
 * @returns {HTMLElement}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  /** @type {[string, unknown][]} */
  const later = [];
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key === 'text') element.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) later.push([key, value]);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  appendChildren(element, children);
  for (const [key, value] of later) /** @type {any} */ (element)[key] = value;
  return element;
}

/**
 * A titled section with a heading of `level`; nothing when it has no content.
 * @param {string} title @param {string} className @param {number} level @param {...Children} children
 * @returns {HTMLElement | null}
 */
export function section(title, className, level, ...children) {
  const content = children.flat(Infinity).filter(Boolean);
  if (content.length === 0) return null;
  return h('section', { class: `panel ${className}` }, h(`h${Math.min(level, 6)}`, { text: title }), content);
}

/** Replaces an element's content. @param {Element} element @param {...Children} children */
export function show(element, ...children) {
  element.replaceChildren();
  appendChildren(element, children);
}

/** @param {string} key */
export function isSecretKey(key) {
  return key === 'access_token' || key === 'refresh_token';
}

/** Pretty JSON for display, with token values masked (they stay in sessionStorage only). @param {unknown} value */
export function displayJson(value) {
  return JSON.stringify(value, (key, v) => (isSecretKey(key) && typeof v === 'string' ? '••••••' : v), 2);
}

/** A path-and-query label for a URL on this origin, the full URL otherwise. @param {string} url */
export function shortUrl(url) {
  let parsed;
  try {
    parsed = new URL(url, location.href);
  } catch {
    return String(url);
  }
  return parsed.origin === location.origin ? parsed.pathname + parsed.search : parsed.href;
}

/** The element with this id, typed. @param {string} id @returns {HTMLElement} */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing`);
  return element;
}
