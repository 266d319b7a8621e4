// @ts-check
/**
 * What the explorer knows of Smilecook itself, apart from the generic HAL browser: drafts
 * (`is_publish`) and their badges, pictures (`cover`, `avatar`, the `preview` for thumbnails),
 * a recipe's facts (cook time, servings), the password rule the API enforces beyond a form's
 * bounds, and the header's shortcuts to one's drafts and a new recipe (the `create` template).
 */
import { h } from './explorer-dom.js';
import { plural } from './explorer-format.js';
import { request } from './explorer-http.js';
import { asLinks, followAnchor } from './explorer-links.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').Field} Field */
/** @typedef {import('./explorer-types').HalResource} HalResource */

/** Relations that are pictures of what they belong to, largest first. */
export const PICTURE_RELS = ['cover', 'avatar'];
/** For a small thumbnail: the preview when there is one (a few kB), else the picture itself. */
export const THUMBNAIL_RELS = ['preview', 'cover', 'avatar'];
/** Properties the page shows in its own way: the state badge, the pictures, the facts. */
export const SHOWN_OTHERWISE = new Set(['is_publish', 'cover_url', 'avatar_url', 'cook_time', 'num_of_servings']);

/** Whether an item is a draft: it says so itself (`is_publish: false`). @param {HalResource | null | undefined} item */
export const isDraft = (item) => item?.is_publish === false;

/** @param {HalResource | null | undefined} item @param {string} [text] */
export function draftBadge(item, text = 'Draft') {
  return isDraft(item) ? h('span', { class: 'badge badge-draft', text }) : null;
}

/** "25 min · 4 servings" @param {HalResource} item */
export function facts(item) {
  const list = [
    typeof item.cook_time === 'number' ? h('span', { class: 'fact fact-cook-time', text: `${item.cook_time} min` }) : null,
    typeof item.num_of_servings === 'number' ? h('span', { class: 'fact fact-servings', text: plural(item.num_of_servings, 'serving', 'servings') }) : null,
  ].filter(Boolean);
  return list.length ? h('p', { class: 'card-facts' }, list) : null;
}

/**
 * Under the heading of a resource that says whether it is published: a draft is the owner's
 * alone until published, and their drafts (the `drafts` link of `me`) are one click away.
 * @param {App} app @param {HalResource | null} resource
 */
export function publicationState(app, resource) {
  if (typeof resource?.is_publish !== 'boolean') return null;
  if (resource.is_publish) return h('p', { class: 'state state-published' }, h('span', { class: 'badge badge-published', text: 'Published' }));
  const drafts = app.me?.drafts;
  return h('p', { class: 'state state-draft' }, draftBadge(resource), ' Only you can see it until you publish it.',
    drafts ? [' ', followAnchor(app, drafts, 'All your drafts', 'follow drafts-link')] : null);
}

/** The API's rule for new passwords that a form's bounds cannot say (API.md §3). @param {string} _template @param {Field} field */
export function extraHintFor(_template, field) {
  return field.inputType === 'password' && field.autocomplete === 'new-password' ? 'A long phrase is easiest to remember; common passwords are refused.' : null;
}

/** Smilecook's own successes, by template, in words: what else a password change or a login's end did (API.md §3). */
const DONE = {
  'change-password': 'Your password is changed. Every other place you were logged in is logged out.',
  'delete-account': 'Your account is deleted, with everything in it.',
  revoke: 'That login is ended.',
  'revoke-others': 'Every other login is ended: only this one is left.',
};

/** @param {string} name @returns {string | null} */
export const doneWords = (name) => /** @type {Record<string, string>} */ (DONE)[name] ?? null;

/**
 * What deleting the account loses, named and counted before the person confirms: their recipes
 * (drafts included), their pictures, their logins.
 * @param {App} app
 * @returns {Promise<{ title: string, message: string, confirmLabel: string }>}
 */
export async function deletionQuestion(app) {
  const total = async (/** @type {string | null | undefined} */ href) => {
    if (!href) return null;
    const res = await request(href);
    const body = /** @type {HalResource | null} */ (res.ok ? res.body : null);
    return typeof body?.total === 'number' ? body.total : null;
  };
  const me = app.me;
  const [published, drafts] = await Promise.all([total(me?.recipes), total(me?.drafts?.href)]);
  const recipes = published === null && drafts === null ? 'all your recipes'
    : `your ${plural((published ?? 0) + (drafts ?? 0), 'recipe', 'recipes')}${drafts ? ` (${plural(drafts, 'draft', 'drafts')} among them)` : ''}`;
  return {
    title: 'Delete your account for good?',
    message: `“${me?.title ?? 'Your account'}” goes, with ${recipes}, their pictures, your avatar and every place you are logged in. `
      + 'This cannot be undone, and anybody may then register your username and email address.',
    confirmLabel: 'Delete my account',
  };
}

/** A success that changed whether a recipe is published, in words. @param {HalResource | null} before @param {unknown} after */
export function publicationMessage(before, after) {
  const now = /** @type {HalResource | null} */ (after && typeof after === 'object' ? after : null);
  if (typeof before?.is_publish !== 'boolean' || typeof now?.is_publish !== 'boolean' || before.is_publish === now.is_publish) return null;
  return now.is_publish ? 'Published: everybody can see it now.' : 'Back to draft: only you can see it now.';
}

/**
 * The header's shortcuts for a logged-in person: a new recipe (their drafts, with the `create`
 * form open) and their drafts.
 * @param {App} app
 */
export function headerShortcuts(app) {
  const drafts = app.me?.drafts;
  if (!drafts) return [];
  const create = followAnchor(app, { href: `${drafts.href}#create` }, 'New recipe', 'follow new-recipe');
  const list = followAnchor(app, drafts, 'Your drafts', 'follow drafts');
  if (drafts.title) list.setAttribute('title', drafts.title);
  return [create, list];
}

/** The first link of the first of `rels` that the resource has. @param {HalResource} resource @param {string[]} rels */
export const pictureOf = (resource, rels) => rels.map((rel) => asLinks(resource?._links?.[rel])[0]).find(Boolean);
