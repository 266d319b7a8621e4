import { fixedPaths, type PathParams, type PathPattern, type Query } from './paths.ts';

/**
 * The one place that turns paths into the URIs the API sends. Every href, template target,
 * Location, Content-Location and Link header goes through here: absolute paths by default,
 * absolute URLs on PUBLIC_BASE_URL when it is configured. Never built from Host or X-Forwarded-*.
 * Which paths exist is declared next to each resource's actions (`*.actions.ts`).
 */
export class Uris {
  constructor(readonly base: string = '') {}

  /** Prefixes an absolute path with the public base (if any). */
  absolute(path: string): string {
    return this.base + path;
  }

  of<S extends string>(pattern: PathPattern<S>, params: PathParams<S>, query?: Query): string {
    return this.absolute(pattern.expand(params, query));
  }

  template<S extends string>(pattern: PathPattern<S>, params: Parameters<PathPattern<S>['template']>[0], queryVariables?: readonly string[]): string {
    return this.absolute(pattern.template(params, queryVariables));
  }

  root = () => this.of(fixedPaths.root, {});
  explorer = () => this.of(fixedPaths.explorer, {});
  schema = (name: string) => this.of(fixedPaths.schema, { name });
  problem = (slug: string) => this.of(fixedPaths.problem, { slug });
}
