// @ts-check
/**
 * The header's search box (the entry point's `search` form, else its templated `search` link,
 * with its words only), and the header's height as a CSS variable: a sticky header must never
 * cover the field — and its label — that has the focus.
 */
import { byId, h, show } from './explorer-dom.js';
import { asLinks } from './explorer-links.js';
import { expandTemplate } from './explorer-uri-template.js';

/** @typedef {import('./explorer-types').App} App */

/** @param {App} app */
export function headerSearch(app) {
  const slot = byId('find');
  const template = app.root?._templates?.search;
  const link = asLinks(app.root?._links?.search).find((l) => l.templated);
  const q = template?.properties?.find((p) => p.name === 'q');
  if (!(template && q) && !link) return show(slot);
  const label = template?.title ?? link?.title ?? 'Search';
  const input = /** @type {HTMLInputElement} */ (h('input', {
    id: 'find-q', name: 'q', type: 'search', placeholder: label, maxlength: q?.maxLength, autocomplete: 'off',
    value: new URL(location.href).searchParams.get('q') ?? '',
  }));
  const form = h('form', { class: 'find', role: 'search', 'aria-label': label },
    h('label', { for: 'find-q', class: 'visually-hidden', text: label }), input, h('button', { type: 'submit', text: 'Search' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const words = input.value.trim();
    if (template?.target) {
      const url = new URL(template.target, location.href);
      if (words) url.searchParams.set('q', words);
      return app.navigate(url.href);
    }
    if (link) app.navigate(expandTemplate(link.href, { q: words }));
  });
  show(slot, form);
}

/** Keeps `--topbar-height` equal to the header's height (it wraps on narrow screens). */
export function watchHeaderHeight() {
  const bar = byId('topbar');
  const set = () => document.documentElement.style.setProperty('--topbar-height', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
  new ResizeObserver(set).observe(bar);
  set();
}
