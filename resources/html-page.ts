import { escapeHtml as escape } from '../src/core/html.ts';

/** The plain HTML pages of the links in emails (activation, password reset, email confirmation): one small page each. */

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}'
  + 'button{font:inherit;padding:.5rem 1.25rem;cursor:pointer}label{display:block;margin:1rem 0 .25rem}'
  + 'input{font:inherit;width:100%;box-sizing:border-box;padding:.4rem}.error{color:#a00;font-weight:bold}';

/** A page: its title as heading, its `body` HTML (already escaped where needed), no scripts. */
export function htmlPage(title: string, body: string, mainClass: string): string {
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<meta name="robots" content="noindex"><link rel="icon" href="data:,"><title>${escape(title)}</title><style>${STYLE}</style></head>`
    + `<body><main class="${escape(mainClass)}"><h1>${escape(title)}</h1>${body}</main></body></html>`;
}
