// @ts-check
/**
 * An embedded item of a collection as a small card: thumbnail (the small `preview` when there is
 * one), name (followed in-page), facts, author, a Draft badge (only an owner ever sees drafts);
 * in the developer view also the full representation on request, across the whole row (rendered
 * when first opened: twenty items' forms are heavy).
 */
import { h } from './explorer-dom.js';
import { apiImage } from './explorer-images.js';
import { asLinks, followAnchor, labelOf } from './explorer-links.js';
import { draftBadge, facts, isDraft, pictureOf, THUMBNAIL_RELS } from './explorer-smilecook.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').HalResource} HalResource */

/** @param {App} app @param {HalResource} item @param {(item: HalResource) => unknown} renderItem the full representation */
export function card(app, item, renderItem) {
  const links = item?._links ?? {};
  const self = asLinks(links.self)[0];
  const picture = pictureOf(item, THUMBNAIL_RELS);
  const label = labelOf(item, 'item');
  const author = asLinks(links.author)[0];
  /** @type {HTMLDetailsElement | null} */
  let details = null;
  if (app.developer) {
    const folded = /** @type {HTMLDetailsElement} */ (h('details', { class: 'card-details' }, h('summary', { text: 'Everything about it' })));
    folded.addEventListener('toggle', () => {
      if (folded.open && folded.children.length === 1) folded.append(h('div', { class: 'nested' }, /** @type {any} */ (renderItem(item))));
    });
    details = folded;
  }
  return h('li', { class: `card${isDraft(item) ? ' card-draft' : ''}`, 'data-rel': 'item' },
    picture ? apiImage(picture.href, { class: 'card-thumb', alt: '', loading: 'lazy', width: '72', height: '72' })
      : h('div', { class: 'card-thumb card-thumb-empty', 'aria-hidden': 'true' }),
    h('div', { class: 'card-body' },
      h('h3', { class: 'card-title' }, self ? followAnchor(app, self, label, 'follow card-link') : label, ' ', draftBadge(item)),
      facts(item),
      author ? h('p', { class: 'card-author' }, 'by ', followAnchor(app, author, author.title ?? 'author', 'follow')) : null,
      typeof item.description === 'string' && item.description ? h('p', { class: 'card-description', text: item.description }) : null,
      details));
}
