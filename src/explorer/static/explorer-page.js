// @ts-check
/**
 * One answer as the page: its heading, then the resource, the error page, the picture or the
 * text it is; the developer view adds the request's status line, headers and raw body.
 */
import { h, shortUrl } from './explorer-dom.js';
import { showBlob } from './explorer-images.js';
import { labelOf } from './explorer-links.js';
import { problemHeading, problemPage } from './explorer-problem-page.js';
import { renderResource } from './explorer-resource.js';
import { headersDetails, rawBody, statusLine } from './explorer-response.js';
import { facts, publicationState } from './explorer-smilecook.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').Res} Res */
/** @typedef {import('./explorer-types').HalResource} HalResource */

const SITE = 'Smilecook';

/** The tab's title for a page heading: "Pea soup · Smilecook", and the home page's "Smilecook" alone. @param {string} heading */
export const titleOf = (heading) => (!heading || heading === SITE ? SITE : `${heading} · ${SITE}`);

/** @param {App} app @param {Res} res */
export function renderPage(app, res) {
  const resource = res.ok && !res.problem && res.body && typeof res.body === 'object' && !Array.isArray(res.body);
  const body = /** @type {HalResource | null} */ (resource ? res.body : null);
  const image = res.blob ? h('img', { class: 'image-body', alt: `Picture at ${shortUrl(res.finalUrl || res.url)}` }) : null;
  const failed = !res.ok;
  const heading = body ? labelOf(body, shortUrl(res.url)) : failed ? problemHeading(res) : image ? 'Picture' : shortUrl(res.url);
  return [
    h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1', text: heading }),
      body ? publicationState(app, body) : null, body ? facts(body) : null),
    app.developer ? h('section', { class: 'exchange-panel', 'aria-label': 'Response' }, statusLine(res), headersDetails(res)) : null,
    failed ? problemPage(app, res) : null,
    body ? renderResource(app, body) : null,
    image ? showBlob(/** @type {HTMLImageElement} */ (image), /** @type {Blob} */ (res.blob)) : null,
    !body && !failed && !image && res.text && app.developer ? h('pre', { class: 'text-body', text: res.text }) : null,
    !body && !failed && !image && res.status === 204 ? h('p', { text: 'Nothing to show here.' }) : null,
    app.developer ? rawBody(res) : null,
  ];
}
