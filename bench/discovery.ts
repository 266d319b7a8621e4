import { BENCH_USER } from './bench-db.ts';
import { HAL, HAL_FORMS, describe, expand, fetchHal, link, resolve, type Fetched, type HalBody } from './hypermedia.ts';

/** One request autocannon repeats, and the status every answer must have. */
export interface LoadRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Bodies to rotate through, one per request (instead of `body`). */
  bodies?: string[];
  expect: number;
}

export class NotAvailable extends Error {}

export const ACCEPT_FORMS = `${HAL_FORMS}, ${HAL};q=0.9`;

/** What a server offers, found from "/" (memoized per server). */
export class Discovery {
  private cache = new Map<string, Promise<Fetched>>();
  private token: { value: Promise<string>; at: number } | undefined;
  /**
   * `logins`: usernames of seeded accounts sharing BENCH_USER's password (the first is BENCH_USER).
   * `tokens`: where to log in instead (the baseline has no login: it verifies the API's tokens).
   */
  constructor(readonly base: string, private readonly logins: string[] = [BENCH_USER.username], private readonly tokens?: Discovery) {}

  private get(key: string, url: string, init: RequestInit): Promise<Fetched> {
    if (!this.cache.has(key)) this.cache.set(key, fetchHal(url, init));
    return this.cache.get(key)!;
  }

  async root(): Promise<HalBody> {
    const root = await this.get('root', `${this.base}/`, { headers: { Accept: ACCEPT_FORMS } });
    if (root.status !== 200 || !root.body) throw new NotAvailable(describe(root));
    return root.body;
  }

  async page1(): Promise<Fetched> {
    const recipes = link(await this.root(), 'recipes');
    if (!recipes) throw new NotAvailable('the root has no "recipes" link');
    const page = await this.get('page1', resolve(recipes.href, this.base), { headers: { Accept: HAL } });
    if (page.status !== 200) throw new NotAvailable(describe(page));
    if (!Array.isArray(page.body?._embedded?.item)) throw new NotAvailable('the recipes page has no _embedded.item');
    return page;
  }

  async search(vars: Record<string, string | number>): Promise<string> {
    const search = link(await this.root(), 'search');
    if (!search?.templated) throw new NotAvailable('the root has no templated "search" link');
    return resolve(expand(search.href, vars), this.base);
  }

  /** An access token of BENCH_USER: from this server's login, or from `tokens`'; reused for 5 minutes (tokens live ≤ 15). */
  accessToken(): Promise<string> {
    if (this.tokens) return this.tokens.accessToken();
    if (!this.token || Date.now() - this.token.at > 5 * 60_000) {
      this.token = { at: Date.now(), value: (async () => {
        const request = await this.loginRequest();
        const login = await fetchHal(request.url, { method: request.method, headers: request.headers, body: request.body ?? null });
        const token = login.body?.access_token;
        if (login.status !== 200 || typeof token !== 'string') throw new NotAvailable(`login: ${describe(login)}`);
        return token;
      })() };
    }
    return this.token.value;
  }

  /** The root's `login` template, as a request logging in the seeded users in turn. */
  async loginRequest(): Promise<LoadRequest> {
    const template = (await this.root())._templates?.login;
    if (!template) throw new NotAvailable('the root has no "login" template');
    const names = (template.properties ?? []).map((p) => p.name);
    const user = names.find((name) => name === 'username') ?? names.find((name) => /user|login|email/i.test(name)) ?? 'username';
    const bodies = this.logins.map((login) => JSON.stringify({ [user]: login, password: BENCH_USER.password }));
    return {
      url: resolve(template.target ?? '/', this.base),
      method: (template.method ?? 'POST').toUpperCase(),
      headers: { 'Content-Type': template.contentType ?? 'application/json', Accept: HAL },
      body: bodies[0]!,
      bodies,
      expect: 200,
    };
  }
}
