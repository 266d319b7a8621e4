/** Just enough of a HAL / HAL-FORMS client to find the benchmark's URLs from "/" by link relations. */
export const HAL = 'application/hal+json';
export const HAL_FORMS = 'application/prs.hal-forms+json';

export interface Link { href: string; templated?: boolean }
export interface Template { method?: string; target?: string; contentType?: string; properties?: Array<{ name: string }> }
export interface HalBody {
  _links?: Record<string, Link | Link[]>;
  _embedded?: Record<string, HalBody[] | HalBody>;
  _templates?: Record<string, Template>;
  [property: string]: unknown;
}

export interface Fetched {
  url: string;
  status: number;
  headers: Headers;
  body: HalBody | null;
}

export async function fetchHal(url: string, init: RequestInit = {}): Promise<Fetched> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  let body: HalBody | null;
  try {
    body = text ? JSON.parse(text) as HalBody : null;
  } catch {
    body = null;
  }
  return { url, status: response.status, headers: response.headers, body };
}

export function link(body: HalBody | null, rel: string): Link | undefined {
  const value = body?._links?.[rel];
  return Array.isArray(value) ? value[0] : value;
}

/** RFC 6570 expansion for the forms HAL links use: {var}, {/var}, {?a,b}, {&a,b}. */
export function expand(template: string, vars: Record<string, string | number | undefined>): string {
  return template.replace(/\{([?&/]?)([^}]+)\}/g, (_, operator: string, names: string) => {
    const defined = names.split(',').map((name) => name.trim())
      .filter((name) => vars[name] !== undefined && vars[name] !== '');
    const encode = (name: string) => encodeURIComponent(String(vars[name]));
    if (operator === '?' || operator === '&') {
      if (defined.length === 0) return '';
      return operator + defined.map((name) => `${name}=${encode(name)}`).join('&');
    }
    if (operator === '/') return defined.map((name) => `/${encode(name)}`).join('');
    return defined.map(encode).join(',');
  });
}

/** An absolute URL for an href found in a document fetched from `base`. */
export function resolve(href: string, base: string): string {
  return new URL(href, base).href;
}

export function describe(fetched: Fetched): string {
  const title = typeof fetched.body?.title === 'string' ? `: ${fetched.body.title}` : '';
  return `${new URL(fetched.url).pathname} answered ${fetched.status}${title}`;
}
