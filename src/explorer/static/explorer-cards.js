/**
 * An embedded item of a collection as a small card: cover thumbnail, name (followed in-page),
 * cook time, servings, author, a Draft badge (only an owner ever sees drafts), and the full
 * representation on request (rendered when first opened: twenty items' forms are heavy).
 */
import { h } from './explorer-dom.js';
import { apiImage } from './explorer-images.js';
import { asLinks, followAnchor, labelOf } from './explorer-links.js';

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function facts(item) {
  const list = [
    typeof item.cook_time === 'number' ? h('span', { class: 'fact fact-cook-time', text: `${item.cook_time} min` }) : null,
    typeof item.num_of_servings === 'number'
      ? h('span', { class: 'fact fact-servings', text: plural(item.num_of_servings, 'serving', 'servings') }) : null,
  ].filter(Boolean);
  return list.length ? h('p', { class: 'card-facts' }, list) : null;
}

/** Whether an item is a draft: it says so itself (`is_publish: false`). */
export const isDraft = (item) => item?.is_publish === false;

export function draftBadge(item, text = 'Draft') {
  return isDraft(item) ? h('span', { class: 'badge badge-draft', text }) : null;
}

/** `renderItem(item)` gives the sections of the full representation. */
export function card(app, item, renderItem) {
  const links = item?._links ?? {};
  const self = asLinks(links.self)[0];
  const picture = asLinks(links.cover)[0] ?? asLinks(links.avatar)[0];
  const label = labelOf(item, 'item');
  const author = asLinks(links.author)[0];
  const details = h('details', { class: 'card-details' }, h('summary', { text: 'Everything about it' }));
  details.addEventListener('toggle', () => {
    if (details.open && details.children.length === 1) details.append(h('div', { class: 'nested' }, renderItem(item)));
  });
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

/**
 * Under the heading of a resource that says whether it is published: a draft is the owner's
 * alone until published, and their drafts (the `drafts` link of `me`) are one click away.
 */
export function publicationState(app, resource) {
  if (typeof resource?.is_publish !== 'boolean') return null;
  if (resource.is_publish) return h('p', { class: 'state state-published' }, h('span', { class: 'badge badge-published', text: 'Published' }));
  const drafts = app.me?.drafts;
  return h('p', { class: 'state state-draft' }, draftBadge(resource), ' Only you can see it until you publish it.',
    drafts ? [' ', followAnchor(app, drafts, 'All your drafts', 'follow drafts-link')] : null);
}
