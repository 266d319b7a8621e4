// @ts-check
/**
 * An error as a page for a browser (API.md §9): what happened and what to do next, in words — log in (then the
 * page loads again) when the answer depends on who asks, try again, go back or home, or put a
 * refused query right — and, in the developer view, the problem document itself.
 */
import { h } from './explorer-dom.js';
import { humanize, relabelError, statusWords } from './explorer-format.js';
import { queryFixForm } from './explorer-query-form.js';
import { problemDetails } from './explorer-response.js';
import { rootUrl } from './explorer-session.js';

/** @typedef {import('./explorer-types').App} App */
/** @typedef {import('./explorer-types').Res} Res */

/** @param {string} text @param {() => void} action @param {string} [className] */
function actionButton(text, action, className = 'secondary') {
  return h('button', { type: 'button', class: className, text, onclick: action });
}

/**
 * The search form of the entry point when a refused query was sent to its target: its fields,
 * prompts and choices; null otherwise (the URL's own parameters are the form then).
 * @param {App} app @param {string} url
 */
function searchFor(app, url) {
  const search = app.root?._templates?.search;
  if (!search?.target) return null;
  return new URL(search.target, location.href).pathname === new URL(url).pathname ? search : null;
}

/** The heading of an error page. @param {Res} res */
export const problemHeading = (res) => statusWords(res.status).title;

/** @param {App} app @param {Res} res */
export function problemPage(app, res) {
  const { next } = statusWords(res.status);
  const problem = res.problem ?? { status: res.status };
  const loggedOut = !app.me;
  const offerLogin = res.status === 401 || (res.status === 404 && loggedOut) || (res.status === 403 && loggedOut);
  const retryAfter = Number(res.headers.get('Retry-After'));
  const fix = res.status === 400 ? queryFixForm(app, res.url, problem, searchFor(app, res.url)) : null;
  // A 401's detail speaks of headers (send Authorization: Bearer…), a refused query's of parameters:
  // the person's view says the one in words and puts the other's errors under the fields, or lists them by name.
  const fieldErrors = Array.isArray(problem.errors) && problem.errors.length > 0;
  const detail = typeof problem.detail === 'string' && problem.detail && res.status !== 401 && !fieldErrors ? problem.detail : null;
  const unplaced = (fix ? fix.unplaced : fieldErrors ? problem.errors ?? [] : []).map((error) => {
    const name = String(error.pointer ?? '').split('/').pop() ?? '';
    return relabelError(String(error.detail ?? ''), name, humanize(name));
  });
  return h('section', { class: 'panel problem-panel', 'aria-labelledby': 'problem-next' },
    detail ? h('p', { class: 'problem-what', text: detail }) : null,
    unplaced.length ? h('ul', { class: 'problem-what problem-errors' }, unplaced.map((text) => h('li', { text }))) : null,
    h('p', { class: 'problem-next', id: 'problem-next', text: offerLogin && res.status === 404 ? `${next} If it is yours, log in to see it.` : next }),
    Number.isFinite(retryAfter) && retryAfter > 0 ? h('p', { class: 'problem-retry', text: `You can try again in ${retryAfter} seconds.` }) : null,
    fix?.form,
    h('div', { class: 'buttons problem-actions' },
      offerLogin ? actionButton('Log in', () => app.openLogin(), 'primary') : null,
      res.status === 429 || res.status >= 500 ? actionButton('Try again', () => app.reload(), 'primary') : null,
      history.length > 1 ? actionButton('Go back', () => history.back()) : null,
      actionButton('Go to the home page', () => app.navigate(rootUrl()))),
    app.developer ? problemDetails(problem, fix ? fix.unplaced : undefined) : null);
}
