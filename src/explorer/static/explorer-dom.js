/**
 * Tiny DOM builder. Text is always inserted as text nodes (never innerHTML), event handlers are
 * attached with addEventListener (the CSP forbids inline handlers).
 */
const PROPERTIES = new Set(['value', 'checked']);

function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** h('a', { href, class: 'x', onclick: fn }, 'text', otherNode) */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
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
  for (const [key, value] of later) element[key] = value;
  return element;
}

/** A titled section with a heading of `level`; nothing when it has no content. */
export function section(title, className, level, ...children) {
  const content = children.flat(Infinity).filter(Boolean);
  if (content.length === 0) return null;
  return h('section', { class: `panel ${className}` }, h(`h${Math.min(level, 6)}`, { text: title }), content);
}

/** Replaces an element's content. */
export function show(element, ...children) {
  element.replaceChildren();
  appendChildren(element, children);
}

/** Pretty JSON for display, with token values masked (they stay in sessionStorage only). */
export function displayJson(value) {
  return JSON.stringify(value, (key, v) => (isSecretKey(key) && typeof v === 'string' ? '••••••' : v), 2);
}

export function isSecretKey(key) {
  return key === 'access_token' || key === 'refresh_token';
}

/** A path-and-query label for a URL on this origin, the full URL otherwise. */
export function shortUrl(url) {
  let parsed;
  try {
    parsed = new URL(url, location.href);
  } catch {
    return String(url);
  }
  return parsed.origin === location.origin ? parsed.pathname + parsed.search : parsed.href;
}
