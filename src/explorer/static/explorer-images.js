// @ts-check
/**
 * Images of the API in the page. With a session they are fetched with the access token and
 * shown through object URLs: a draft's cover is served to its owner only, and an <img src>
 * never sends the token (the API uses no cookies). Without one, a plain <img src> does.
 */
import { h } from './explorer-dom.js';
import { isLocal, request, safeUrl } from './explorer-http.js';
import { getTokens } from './explorer-tokens.js';

/**
 * An <img> showing the image at `href`; `props` are its attributes (alt, class…).
 * @param {string} href @param {Record<string, string>} [props]
 */
export function apiImage(href, props = {}) {
  const url = safeUrl(href);
  const img = /** @type {HTMLImageElement} */ (h('img', { decoding: 'async', ...props }));
  if (!url) return img;
  if (!getTokens() || !isLocal(url)) {
    img.src = url;
    return img;
  }
  request(url, { accept: 'image/webp,image/*;q=0.9', cache: 'default' }).then((res) => {
    if (!res.blob) throw new Error(`${res.status}`);
    showBlob(img, res.blob);
  }).catch(() => img.replaceWith(h('span', { class: 'image-missing', text: 'Image not available' })));
  return img;
}

/** Shows a blob in an <img>; the object URL is released once the image has decoded. @param {HTMLImageElement} img @param {Blob} blob */
export function showBlob(img, blob) {
  const url = URL.createObjectURL(blob);
  img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
  img.addEventListener('error', () => URL.revokeObjectURL(url), { once: true });
  img.src = url;
  return img;
}
