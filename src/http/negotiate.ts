/**
 * Content negotiation among the three representations (API.md §1). Implements RFC 9110
 * precedence: each type takes the q of the most specific range that matches it.
 */
export const HAL = 'application/hal+json';
export const HAL_FORMS = 'application/prs.hal-forms+json';
export const HTML = 'text/html';

export type Representation = typeof HAL | typeof HAL_FORMS | typeof HTML;

interface Range {
  type: string;
  subtype: string;
  q: number;
  params: number;
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(',')) {
    const [mediaRange = '', ...paramTexts] = part.split(';').map((s) => s.trim());
    const [type, subtype] = mediaRange.toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    let params = 0;
    for (const param of paramTexts) {
      const [key = '', value = ''] = param.split('=').map((s) => s.trim());
      if (key.toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
      } else if (key) {
        params++;
      }
    }
    ranges.push({ type, subtype, q, params });
  }
  return ranges;
}

function specificity(range: Range, type: string, subtype: string): number {
  if (range.type === type && range.subtype === subtype) return 2 + (range.params > 0 ? 1 : 0);
  if (range.type === type && range.subtype === '*') return 1;
  if (range.type === '*' && range.subtype === '*') return 0;
  return -1;
}

/** The q value the Accept header gives a media type (0 when it is not acceptable). */
export function qualityOf(ranges: Range[], mediaType: string): number {
  const [type = '', subtype = ''] = mediaType.split('/');
  let best = -1;
  let q = 0;
  for (const range of ranges) {
    const s = specificity(range, type, subtype);
    if (s > best) {
      best = s;
      q = range.q;
    }
  }
  return q;
}

/** The q of the most specific range that names exactly this media type (wildcards do not count), or undefined. */
function explicitQuality(ranges: Range[], mediaType: string): number | undefined {
  const [type = '', subtype = ''] = mediaType.split('/');
  let best = -1;
  let q: number | undefined;
  for (const range of ranges) {
    const s = specificity(range, type, subtype);
    if (s >= 2 && s > best) {
      best = s;
      q = range.q;
    }
  }
  return q;
}

/**
 * Picks the representation (API.md §1): the highest q wins; ties go to HAL-FORMS, then HAL, then
 * HTML. Only a range that names HAL-FORMS itself selects it: wildcards, a missing Accept and
 * `application/json` get plain HAL, which every JSON client reads (`application/json` counts
 * as HAL unless HAL is named too). HAL-FORMS is chosen only for resources that have templates
 * (otherwise HAL is served when acceptable). Returns null when nothing is acceptable.
 */
export function negotiate(accept: string | undefined, hasTemplates: boolean): Representation | null {
  const ranges = parseAccept(accept && accept.trim() ? accept : '*/*');
  const forms = explicitQuality(ranges, HAL_FORMS) ?? 0;
  const hal = explicitQuality(ranges, HAL) ?? explicitQuality(ranges, 'application/json') ?? qualityOf(ranges, HAL);
  const html = qualityOf(ranges, HTML);
  const best = Math.max(forms, hal, html);
  if (best <= 0) return null;
  if (forms === best) return hasTemplates || hal === 0 ? HAL_FORMS : HAL;
  if (hal === best) return HAL;
  return HTML;
}

/** Whether the Accept header accepts a given type at all (for problem+json, schema+json). */
export function accepts(accept: string | undefined, mediaType: string): boolean {
  return qualityOf(parseAccept(accept && accept.trim() ? accept : '*/*'), mediaType) > 0;
}

/** The JSON types a client of this API may name: if any of them ranks as high as text/html, JSON wins. */
const JSON_TYPES = [HAL, HAL_FORMS, 'application/json', 'application/problem+json', 'application/schema+json'];

/**
 * Whether `Accept` ranks `text/html` strictly above every JSON type (a tie goes to JSON), as a
 * browser's address bar, bookmark or reload does (API.md §9). Any `+json` type it names counts too.
 */
export function ranksHtmlFirst(accept: string | undefined): boolean {
  const ranges = parseAccept(accept && accept.trim() ? accept : '*/*');
  const html = qualityOf(ranges, HTML);
  if (html <= 0) return false;
  const named = ranges.filter((range) => range.type === 'application' && range.subtype.endsWith('+json')).map((range) => `application/${range.subtype}`);
  return [...JSON_TYPES, ...named].every((type) => qualityOf(ranges, type) < html);
}
