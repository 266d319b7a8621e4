import type { HalFormsTemplate } from 'hal-types';
import { rootSchema } from '../schemas/root.schema.ts';
import type { BodySchema } from './hal-forms.ts';
import { jsonTemplate } from './hal-forms.ts';
import { Resource, type Links, type RenderContext } from './resource.ts';

/** Body schemas of the account templates the root offers (registered by their domains). */
export interface RootForms {
  register?: BodySchema;
  resendActivation?: BodySchema;
  login?: BodySchema;
  refresh?: BodySchema;
  logout?: BodySchema;
}

/** `GET /`: the single entry point (API.md §2). */
export class RootResource extends Resource {
  constructor(ctx: RenderContext, private readonly version: string, private readonly forms: RootForms) {
    super(ctx);
  }

  get self(): string {
    return this.uris.root();
  }

  get profile(): string {
    return rootSchema.$id;
  }

  protected override properties() {
    return { title: 'Smilecook', version: this.version };
  }

  protected override links(): Links {
    const { uris } = this;
    return {
      recipes: { href: uris.recipes(), title: 'Published recipes' },
      search: { href: uris.recipesSearchTemplate(), templated: true, title: 'Search recipes' },
      user: { href: uris.userTemplate(), templated: true, title: 'A user by username' },
      ...(this.ctx.caller && { me: { href: uris.me(), title: this.ctx.caller.username } }),
      explorer: { href: uris.explorer(), type: 'text/html', title: 'HAL browser' },
    };
  }

  protected override templates(): Record<string, HalFormsTemplate> {
    const { uris, forms } = this;
    const anonymous = this.ctx.caller === null;
    const templates: Record<string, HalFormsTemplate> = {};
    if (anonymous && forms.register) templates.register = jsonTemplate('POST', uris.users(), 'Create an account', forms.register);
    if (anonymous && forms.resendActivation) {
      templates['resend-activation'] = jsonTemplate('POST', uris.activations(), 'Send the activation email again', forms.resendActivation);
    }
    if (anonymous && forms.login) templates.login = jsonTemplate('POST', uris.tokens(), 'Log in', forms.login);
    if (forms.refresh) templates.refresh = jsonTemplate('POST', uris.tokensRefresh(), 'Refresh the access token', forms.refresh);
    if (!anonymous && forms.logout) templates.logout = jsonTemplate('POST', uris.tokensRevoke(), 'Log out', forms.logout);
    return templates;
  }
}
