// @ts-check
/**
 * Values and messages in people's words: dates, yes/no, counts, property names as labels, a
 * field error under its label ("Servings must be at most 50"), what an error status means and
 * what a success did. Pure: no DOM (test/unit/explorer-format.test.ts).
 */

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** @param {unknown} value */
export const isDateTime = (value) => typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));

/**
 * "3 May 2026 at 14:05" (in the reader's language and time zone).
 * @param {string} iso
 * @param {string} [locale]
 * @param {string} [timeZone]
 */
export function formatDateTime(iso, locale, timeZone) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', ...(timeZone && { timeZone }) }).format(new Date(iso));
}

/**
 * @param {number} count
 * @param {string} one
 * @param {string} many
 */
export const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;

/** @param {string} text */
export const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A property's name as a label when nothing better names it: `created_at` → "Created",
 * `user_agent` → "User agent", `is_current` → "Current".
 * @param {string} key
 */
export function humanize(key) {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').split(/[_\s-]+/).filter(Boolean).map((w) => w.toLowerCase());
  if (words.length > 1 && words.at(-1) === 'at') words.pop();
  if (words.length > 1 && words[0] === 'is') words.shift();
  return capitalized(words.join(' ') || key);
}

/**
 * A value as text: dates formatted, true/false as Yes/No, numbers grouped; null when there is
 * nothing to show (null, '', objects are shown otherwise).
 * @param {unknown} value
 * @param {string} [locale]
 * @returns {string | null}
 */
export function formatValue(value, locale) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (isDateTime(value)) return formatDateTime(/** @type {string} */ (value), locale);
  if (typeof value === 'string') return value;
  return null;
}

/**
 * A server's field error under the label the person sees: "num_of_servings must be at most 50"
 * → "Servings must be at most 50"; "password must be…" → "Password must be…".
 * @param {string} detail
 * @param {string} name the property's API name
 * @param {string} label its label in the form
 */
export function relabelError(detail, name, label) {
  const text = String(detail).trim();
  if (text.startsWith(`${name} `)) return `${label}${text.slice(name.length)}`;
  return capitalized(text);
}

/** @type {Record<number, { title: string, next: string }>} */
const STATUS_WORDS = {
  400: { title: 'This request cannot be answered', next: 'Correct what is marked below and try again.' },
  401: { title: 'Please log in', next: 'This page is only for a logged-in person. Log in, and it opens again.' },
  403: { title: 'Not allowed', next: 'Your account may not do this. Log in as another person, or go back.' },
  404: { title: 'Nothing here', next: 'The address may be mistyped, or what it showed is gone or not shared with you.' },
  405: { title: 'This address cannot be opened', next: 'It is used by a form, not as a page. Go back, or start from the home page.' },
  406: { title: 'This page cannot be shown', next: 'Reload the page; if it stays, start from the home page.' },
  409: { title: 'That is taken', next: 'Choose another value and try again.' },
  410: { title: 'This link has expired', next: 'It was already used, replaced by a newer one, or is too old. Ask for a new one.' },
  412: { title: 'Changed meanwhile', next: 'Somebody changed this in the meantime. Reload to see the new version, then try again.' },
  413: { title: 'Too large', next: 'Choose a smaller file or shorter text.' },
  415: { title: 'That kind of file is not accepted', next: 'Choose a JPEG, PNG or WebP picture.' },
  422: { title: 'Please check what you entered', next: 'Correct what is marked and try again.' },
  429: { title: 'Too many tries', next: 'Wait a moment, then try again.' },
};

/**
 * What an error status means to a person, and what they can do next.
 * @param {number} status
 * @returns {{ title: string, next: string }}
 */
export function statusWords(status) {
  if (STATUS_WORDS[status]) return STATUS_WORDS[status];
  if (status >= 500) return { title: 'Something went wrong on our side', next: 'It is not your fault. Try again in a moment.' };
  return { title: 'This did not work', next: 'Go back, or start again from the home page.' };
}

/**
 * A success in words, from what was done to what: "“Pea soup” deleted", "Changes saved".
 * @param {{ method: string, status: number, name: string, title?: string, label?: string | null, created?: string | null }} done
 */
export function successWords({ method, status, name, title, label, created }) {
  const what = label ? `“${label}”` : null;
  if (name === 'login') return 'You are logged in.';
  if (name === 'logout') return 'You are logged out.';
  if (name === 'edit-media') return method === 'DELETE' ? 'Image removed.' : 'Image saved.';
  if (status === 201) return created ? `“${created}” created.` : 'Created.';
  if (method === 'DELETE' && what) return `${what} deleted.`;
  if (method === 'PATCH') return 'Changes saved.';
  return title ? `Done: ${title.charAt(0).toLowerCase()}${title.slice(1)}.` : 'Done.';
}
