/**
 * Images: `cover`/`avatar` links shown as pictures, and an upload/remove form for every
 * `edit-media` link (PUT of the raw file with its Content-Type; DELETE to remove).
 */
import { h, shortUrl } from './explorer-dom.js';
import { request, safeUrl } from './explorer-http.js';

const ACCEPTED = 'image/jpeg,image/png,image/webp';
const PICTURE_RELS = ['cover', 'avatar'];
let nextId = 0;

const asList = (value) => (Array.isArray(value) ? value : value ? [value] : []);

/** <figure>s for the resource's cover/avatar links. */
export function pictures(links) {
  return PICTURE_RELS.flatMap((rel) => asList(links[rel]).filter((link) => safeUrl(link?.href)).map((link) =>
    h('figure', { class: `picture picture-${rel}` },
      h('img', { src: safeUrl(link.href), alt: link.title ?? rel, loading: 'lazy', 'data-rel': rel }),
      h('figcaption', {}, h('code', { text: rel })))));
}

/** An upload form per `edit-media` link. */
export function mediaEditors(app, links) {
  return asList(links['edit-media']).filter((link) => safeUrl(link?.href)).map((link) => mediaEditor(app, link));
}

function mediaEditor(app, link) {
  const id = `media-${++nextId}`;
  const input = h('input', { id, name: 'file', type: 'file', accept: ACCEPTED, required: true });
  const output = h('div', { class: 'form-output', 'aria-live': 'polite' });
  const upload = h('button', { type: 'submit', text: 'Upload' });
  const remove = h('button', { type: 'button', class: 'danger', text: 'Remove image' });
  const form = h('form', { class: 'media-editor', 'data-media': link.href },
    h('fieldset', {},
      h('legend', {}, h('span', { class: 'template-name', text: link.title ?? 'Image' }),
        h('code', { class: 'template-target', text: `edit-media ${shortUrl(safeUrl(link.href))}` })),
      h('div', { class: 'field' }, h('label', { for: id, text: 'JPEG, PNG or WebP, at most 5 MiB' }), input),
      h('div', { class: 'buttons' }, upload, remove)),
    output);

  const send = async (method, init) => {
    upload.disabled = remove.disabled = true;
    try {
      const res = await request(link.href, { method, ...init });
      await app.handleResult(res, { name: 'edit-media', method, target: link.href, form, output });
    } catch (error) {
      output.replaceChildren(h('p', { class: 'status status-error', role: 'alert', text: `Request failed: ${error.message}` }));
    } finally {
      upload.disabled = remove.disabled = false;
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) return void form.reportValidity();
    send('PUT', { body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
  });
  remove.addEventListener('click', () => send('DELETE', {}));
  return form;
}
