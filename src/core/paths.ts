/**
 * Path patterns: each route's path is declared once, as a PathPattern, and both the router
 * (`pattern`, Express syntax) and every URI that points there (`expand`, `template`) come from it.
 */
export type Query = Record<string, string | number | undefined>;

/** The `:name` parameters of a pattern, as a union of names: '/users/:username/recipes' → 'username'. */
export type ParamsOf<S extends string> = S extends `${string}:${infer P}/${infer Rest}` ? P | ParamsOf<`/${Rest}`>
  : S extends `${string}:${infer P}` ? P : never;

export type PathParams<S extends string> = [ParamsOf<S>] extends [never] ? Record<string, never> : Record<ParamsOf<S>, string | number>;

/** `?a=1&b=x` of the defined, non-empty values, in the order given (so equal queries give equal URIs). */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class PathPattern<S extends string = string> {
  /** The pattern split once at its parameters: literals at even indexes, parameter names at odd ones. */
  private readonly parts: readonly string[];

  constructor(readonly pattern: S) {
    this.parts = pattern.split(/:(\w+)/);
  }

  /** The literal start of the pattern, up to its first parameter (`/activation/` of `/activation/:token`). */
  get prefix(): string {
    return this.parts[0]!;
  }

  /** The path for these parameters (each one a single, percent-encoded segment), with an optional query. */
  expand(params: PathParams<S>, query?: Query): string {
    return this.fill(params, false) + queryString(query);
  }

  /** An RFC 6570 template: the given parameters filled in, the others as `{name}`, and `{?a,b}` for query variables. */
  template(params: Partial<Record<ParamsOf<S>, string | number>>, queryVariables: readonly string[] = []): string {
    const path = this.fill(params, true);
    return queryVariables.length > 0 ? `${path}{?${queryVariables.join(',')}}` : path;
  }

  /** The pattern with its parameters percent-encoded; a missing one stays `{name}` when `keepMissing`, else it is an error. */
  private fill(params: object, keepMissing: boolean): string {
    const values = params as Record<string, string | number | undefined>;
    let path = this.parts[0]!;
    for (let i = 1; i < this.parts.length; i += 2) {
      const name = this.parts[i]!;
      const value = values[name];
      if (value === undefined && !keepMissing) throw new Error(`${this.pattern}: no value for :${name}`);
      path += (value === undefined ? `{${name}}` : encodeURIComponent(String(value))) + this.parts[i + 1]!;
    }
    return path;
  }
}

export function path<const S extends string>(pattern: S): PathPattern<S> {
  return new PathPattern(pattern);
}

/** The paths API.md fixes (every other URI is found by following links). */
export const fixedPaths = {
  root: path('/'),
  explorer: path('/explorer'),
  explorerAsset: path('/explorer/:asset'),
  health: path('/health'),
  ready: path('/health/ready'),
  schemas: path('/schemas'),
  schema: path('/schemas/:name'),
  problem: path('/problems/:slug'),
  /** RFC 8615, the W3C "well-known URL for changing passwords" (API.md §3): redirects to `me`. */
  changePassword: path('/.well-known/change-password'),
};
