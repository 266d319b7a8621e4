import type { RenderContext, Visibility } from '../src/core/representation.ts';
import { activateSchema } from '../schemas/account.schema.ts';
import { activationAffordances, activationPaths } from './activation.affordances.ts';
import { form } from './hal-forms.ts';
import { Resource, type Links } from './resource.ts';

/** `/activation/{token}`: a pending activation (with the `activate` template) or, once done, a link home. */
export class ActivationResource extends Resource {
  constructor(ctx: RenderContext, private readonly token: string, private readonly username: string, private readonly activated: boolean) {
    super(ctx);
  }

  get self(): string {
    return this.uris.of(activationPaths.activation, { token: this.token });
  }

  get profile(): string {
    return activateSchema.$id;
  }

  protected override seed(): string {
    return `activation|1|${this.token}|${this.username}|${this.activated ? 'active' : 'pending'}`;
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

  protected override forms() {
    return [form(activationAffordances.activate, { activated: this.activated }, () => this.self)];
  }
}
