import type { RenderContext } from '../src/core/representation.ts';
import { rootSchema } from '../schemas/root.schema.ts';
import { activationAffordances, activationPaths } from './activation.affordances.ts';
import { form, queryForm } from './hal-forms.ts';
import { passwordResetAffordances, passwordResetPaths } from './password-reset.affordances.ts';
import { collectionQueryVariables, recipeCollectionAffordances, SEARCH_FORM } from './recipe-collection.affordances.ts';
import { recipePaths } from './recipe.affordances.ts';
import { tokenAffordances, tokenPaths } from './token.affordances.ts';
import { userAffordances, userPaths } from './user.affordances.ts';
import { Resource, type Links } from './resource.ts';

/** Bump when the rendering of the root changes. */
const RENDERING = 4;

/** `GET /`: the single entry point (API.md §2); its templates are the account and token actions offered to the caller, and `search`. */
export class RootResource extends Resource {
  constructor(ctx: RenderContext, private readonly version: string) {
    super(ctx);
  }

  get self(): string {
    return this.uris.root();
  }

  get profile(): string {
    return rootSchema.$id;
  }

  /** The API's version, and who asks (the `me` link names them; the templates differ for anonymous callers). */
  protected override seed(): string {
    const { caller } = this.ctx;
    return `root|${RENDERING}|${this.version}|${caller ? `${caller.id}|${caller.username}` : '-'}`;
  }

  protected override properties() {
    return { title: 'Smilecook', version: this.version };
  }

  protected override links(): Links {
    const { uris } = this;
    return {
      recipes: { href: uris.of(recipePaths.collection, {}), title: 'Published recipes' },
      search: { href: uris.template(recipePaths.collection, {}, collectionQueryVariables), templated: true, title: 'Search recipes' },
      user: { href: uris.template(userPaths.user, {}), templated: true, title: 'A user by username' },
      ...(this.ctx.caller && { me: { href: uris.of(userPaths.me, {}), title: this.ctx.caller.username } }),
      explorer: { href: uris.explorer(), type: 'text/html', title: 'HAL browser' },
    };
  }

  protected override forms() {
    const { uris } = this;
    return [
      form(userAffordances.register, undefined, () => uris.of(userPaths.users, {})),
      form(activationAffordances.resend, undefined, () => uris.of(activationPaths.activations, {})),
      form(tokenAffordances.login, undefined, () => uris.of(tokenPaths.tokens, {})),
      form(passwordResetAffordances.forgot, undefined, () => uris.of(passwordResetPaths.resets, {})),
      form(tokenAffordances.refresh, undefined, () => uris.of(tokenPaths.refresh, {})),
      form(tokenAffordances.logout, undefined, () => uris.of(tokenPaths.revoke, {})),
      queryForm(recipeCollectionAffordances.list, {}, SEARCH_FORM, () => uris.of(recipePaths.collection, {})),
    ];
  }
}
