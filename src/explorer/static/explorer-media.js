// @ts-check
/**
 * Images: `cover`/`avatar` links shown as pictures, and for every `edit-media` link the upload
 * form it stands for (PUT of the raw file with its Content-Type), with "Remove image" (DELETE,
 * after a confirmation) and "View current image" (GET answers 303 to it) only when there is one.
 */
import { confirmAction } from './explorer-confirm.js';
import { h, shortUrl } from './explorer-dom.js';
import { request, safeUrl } from './explorer-http.js';
import { apiImage } from './explorer-images.js';
import { asLinks, followAnchor } from './explorer-links.js';
import { PICTURE_RELS } from './explorer-smilecook.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').HalLink} HalLink */

const ACCEPTED = 'image/jpeg,image/png,image/webp';
let nextId = 0;

/** A link's title without its technical note in parentheses: "Cover image (PUT an image…)" → "Cover image". @param {HalLink} link @param {string} fallback */
const titleOf = (link, fallback) => String(link.title ?? fallback).replace(/\s*\(.*\)\s*$/, '');

/**
 * <figure>s for the resource's pictures (cover, avatar); the developer view names their relations.
 * @param {App} app @param {Record<string, unknown>} links @param {string} label the resource's name
 */
export function pictures(app, links, label) {
  return PICTURE_RELS.flatMap((rel) => asLinks(links[rel]).filter((link) => safeUrl(link.href)).map((link) =>
    h('figure', { class: `picture picture-${rel}` },
      apiImage(link.href, { alt: `${titleOf(link, rel)} of ${label}`, 'data-rel': rel }),
      app.developer ? h('figcaption', {}, h('code', { text: rel })) : null)));
}

/**
 * An upload form per `edit-media` link. `hasImage`: whether the resource shows an image now
 * (its cover/avatar link), which is what edit-media would remove.
 */
/** @param {App} app @param {Record<string, unknown>} links @param {{ hasImage?: boolean, label?: string }} [options] */
export function mediaEditors(app, links, { hasImage = false, label = 'this resource' } = {}) {
  return asLinks(links['edit-media']).filter((link) => safeUrl(link.href)).map((link) => mediaEditor(app, link, hasImage, label));
}

/** The id of the upload form for an edit-media link (the links table points to it). @param {HalLink} link */
export const mediaFormId = (link) => `edit-media-${String(link.href).replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** @param {App} app @param {HalLink} link @param {boolean} hasImage @param {string} label */
function mediaEditor(app, link, hasImage, label) {
  const id = `media-${++nextId}`;
  const input = /** @type {HTMLInputElement} */ (h('input', { id, name: 'file', type: 'file', accept: ACCEPTED, required: true }));
  const output = h('div', { class: 'form-output', 'aria-live': 'polite' });
  const upload = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', text: hasImage ? 'Upload a new image' : 'Upload' }));
  const remove = hasImage ? /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'danger', text: 'Remove image' })) : null;
  const view = hasImage ? followAnchor(app, link, 'View the picture', 'follow view-image') : null;
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'media-editor', id: mediaFormId(link), 'data-media': link.href },
    h('fieldset', {},
      h('legend', {}, h('span', { class: 'template-name', text: app.developer ? link.title ?? 'Image' : titleOf(link, 'Picture') }),
        app.developer ? h('code', { class: 'template-target', text: `edit-media ${shortUrl(safeUrl(link.href) ?? link.href)}` }) : null),
      h('p', { class: 'media-state', text: hasImage ? 'There is a picture now.' : 'No picture yet.' }, view ? ' ' : null, view),
      h('div', { class: 'field' }, h('label', { for: id, text: 'Choose a picture: JPEG, PNG or WebP, at most 5 MiB' }), input),
      h('div', { class: 'buttons' }, upload, remove)),
    output));

  /** @param {string} method @param {{ body?: BodyInit, headers?: Record<string, string> }} init */
  const send = async (method, init) => {
    upload.disabled = true;
    if (remove) remove.disabled = true;
    try {
      const res = await request(link.href, { method, ...init });
      await app.handleResult(res, { name: 'edit-media', method, target: link.href, form, output });
    } catch (error) {
      output.replaceChildren(h('p', { class: 'status status-error', role: 'alert', text: `This could not be sent: ${/** @type {Error} */ (error).message}.` }));
    } finally {
      upload.disabled = false;
      if (remove) remove.disabled = false;
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) return void form.reportValidity();
    send('PUT', { body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
  });
  remove?.addEventListener('click', async () => {
    const title = `Remove the ${titleOf(link, 'image').toLowerCase()}?`;
    if (await confirmAction({ title, message: `The picture of “${label}” will be deleted.`, confirmLabel: 'Remove image' })) send('DELETE', {});
  });
  return form;
}
