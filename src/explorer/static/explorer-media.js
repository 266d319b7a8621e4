/**
 * Images: `cover`/`avatar` links shown as pictures, and for every `edit-media` link the upload
 * form it stands for (PUT of the raw file with its Content-Type), with "Remove image" (DELETE,
 * after a confirmation) and "View current image" (GET answers 303 to it) only when there is one.
 */
import { confirmAction } from './explorer-confirm.js';
import { h, shortUrl } from './explorer-dom.js';
import { request, safeUrl } from './explorer-http.js';
import { apiImage } from './explorer-images.js';
import { followAnchor } from './explorer-links.js';

const ACCEPTED = 'image/jpeg,image/png,image/webp';
export const PICTURE_RELS = ['cover', 'avatar'];
let nextId = 0;

const asList = (value) => (Array.isArray(value) ? value : value ? [value] : []);

/** <figure>s for the resource's cover/avatar links. */
export function pictures(links) {
  return PICTURE_RELS.flatMap((rel) => asList(links[rel]).filter((link) => safeUrl(link?.href)).map((link) =>
    h('figure', { class: `picture picture-${rel}` },
      apiImage(link.href, { alt: link.title ?? rel, 'data-rel': rel }),
      h('figcaption', {}, h('code', { text: rel })))));
}

/**
 * An upload form per `edit-media` link. `hasImage`: whether the resource shows an image now
 * (its cover/avatar link), which is what edit-media would remove.
 */
export function mediaEditors(app, links, { hasImage = false, label = 'this resource' } = {}) {
  return asList(links['edit-media']).filter((link) => safeUrl(link?.href)).map((link) => mediaEditor(app, link, hasImage, label));
}

/** The id of the upload form for an edit-media link (the links table points to it). */
export const mediaFormId = (link) => `edit-media-${String(link.href).replace(/[^A-Za-z0-9_-]/g, '_')}`;

function mediaEditor(app, link, hasImage, label) {
  const id = `media-${++nextId}`;
  const input = h('input', { id, name: 'file', type: 'file', accept: ACCEPTED, required: true });
  const output = h('div', { class: 'form-output', 'aria-live': 'polite' });
  const upload = h('button', { type: 'submit', text: hasImage ? 'Upload a new image' : 'Upload' });
  const remove = hasImage ? h('button', { type: 'button', class: 'danger', text: 'Remove image' }) : null;
  const view = hasImage ? followAnchor(app, link, 'View current image', 'follow view-image') : null;
  const form = h('form', { class: 'media-editor', id: mediaFormId(link), 'data-media': link.href },
    h('fieldset', {},
      h('legend', {}, h('span', { class: 'template-name', text: link.title ?? 'Image' }),
        h('code', { class: 'template-target', text: `edit-media ${shortUrl(safeUrl(link.href))}` })),
      h('p', { class: 'media-state', text: hasImage ? 'There is an image now.' : 'No image yet.' }, view ? ' ' : null, view),
      h('div', { class: 'field' }, h('label', { for: id, text: 'JPEG, PNG or WebP, at most 5 MiB' }), input),
      h('div', { class: 'buttons' }, upload, remove)),
    output);

  const send = async (method, init) => {
    upload.disabled = true;
    if (remove) remove.disabled = true;
    try {
      const res = await request(link.href, { method, ...init });
      await app.handleResult(res, { name: 'edit-media', method, target: link.href, form, output });
    } catch (error) {
      output.replaceChildren(h('p', { class: 'status status-error', role: 'alert', text: `Request failed: ${error.message}` }));
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
    const title = `Remove the ${String(link.title ?? 'image').replace(/\s*\(.*\)\s*$/, '').toLowerCase()}?`;
    if (await confirmAction({ title, message: `The image of “${label}” will be deleted.`, confirmLabel: 'Remove image' })) send('DELETE', {});
  });
  return form;
}
