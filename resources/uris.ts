/**
 * The one place that builds URIs. Every href, template target, Location, Content-Location
 * and Link header goes through here: absolute paths by default, absolute URLs on
 * PUBLIC_BASE_URL when it is configured. Never built from Host or X-Forwarded-*.
 */
export type Query = Record<string, string | number | undefined>;

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const segment = (value: string | number) => encodeURIComponent(String(value));

export class Uris {
  constructor(private readonly base: string = '') {}

  /** Prefixes an absolute path with the public base (if any). */
  absolute(path: string): string {
    return this.base + path;
  }

  root = () => this.absolute('/');
  explorer = () => this.absolute('/explorer');
  health = () => this.absolute('/health');
  schema = (name: string) => this.absolute(`/schemas/${segment(name)}`);
  problem = (slug: string) => this.absolute(`/problems/${segment(slug)}`);

  users = () => this.absolute('/users');
  user = (username: string) => this.absolute(`/users/${segment(username)}`);
  userTemplate = () => this.absolute('/users/{username}');
  me = () => this.absolute('/me');
  avatar = (username: string) => this.absolute(`/users/${segment(username)}/avatar`);

  recipes = (query?: Query) => this.absolute('/recipes' + queryString(query));
  recipesSearchTemplate = () => this.absolute('/recipes{?q,sort,order,page,per_page}');
  userRecipes = (username: string, query?: Query) =>
    this.absolute(`/users/${segment(username)}/recipes` + queryString(query));
  userRecipesSearchTemplate = (username: string) =>
    this.absolute(`/users/${segment(username)}/recipes{?q,sort,order,page,per_page,visibility}`);
  recipe = (id: number | string) => this.absolute(`/recipes/${segment(id)}`);
  recipePublish = (id: number | string) => this.absolute(`/recipes/${segment(id)}/publish`);
  recipeCover = (id: number | string) => this.absolute(`/recipes/${segment(id)}/cover`);

  /** Content-addressed image files. */
  image = (fileName: string) => this.absolute(`/images/${segment(fileName)}`);

  tokens = () => this.absolute('/tokens');
  tokensRefresh = () => this.absolute('/tokens/refresh');
  tokensRevoke = () => this.absolute('/tokens/revoke');
  activations = () => this.absolute('/activation');
  activation = (token: string) => this.absolute(`/activation/${segment(token)}`);
}
