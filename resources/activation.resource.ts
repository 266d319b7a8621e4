import type { HalFormsTemplate } from 'hal-types';
import { activateSchema } from '../schemas/account.schema.ts';
import { jsonTemplate } from './hal-forms.ts';
import { Resource, type Links, type RenderContext, type Visibility } from './resource.ts';

/** `/activation/{token}`: a pending activation (with the `activate` template) or, once done, a link home. */
export class ActivationResource extends Resource {
  constructor(ctx: RenderContext, private readonly token: string, private readonly username: string, private readonly activated: boolean) {
    super(ctx);
  }

  get self(): string {
    return this.uris.activation(this.token);
  }

  get profile(): string {
    return activateSchema.$id;
  }

  override visibility(): Visibility {
    return 'no-store';
  }

  override get dependsOnCaller(): boolean {
    return false;
  }

  protected override properties() {
    return { username: this.username, status: this.activated ? 'active' : 'pending' };
  }

  protected override links(): Links {
    return { index: { href: this.uris.root(), title: 'Smilecook' } };
  }

  protected override templates(): Record<string, HalFormsTemplate> {
    if (this.activated) return {};
    return { activate: jsonTemplate('POST', this.self, 'Activate my account') };
  }
}
