import type { RenderContext, Visibility } from '../src/core/representation.ts';
import { resetPasswordSchema } from '../schemas/account-changes.schema.ts';
import { form } from './hal-forms.ts';
import { passwordResetAffordances, passwordResetPaths } from './password-reset.affordances.ts';
import { Resource, type Links } from './resource.ts';

/** `/password-reset/{token}` (API.md §3): a pending reset (with the `reset-password` template) or, once done, a link home. */
export class PasswordResetResource extends Resource {
  constructor(ctx: RenderContext, private readonly token: string, private readonly username: string, private readonly done: boolean) {
    super(ctx);
  }

  get self(): string {
    return this.uris.of(passwordResetPaths.reset, { token: this.token });
  }

  get profile(): string {
    return resetPasswordSchema.$id;
  }

  protected override seed(): string {
    return `password-reset|1|${this.token}|${this.username}|${this.done ? 'done' : 'pending'}`;
  }

  /** The token is a secret: never stored by any cache. */
  override visibility(): Visibility {
    return 'no-store';
  }

  override get dependsOnCaller(): boolean {
    return false;
  }

  protected override properties() {
    return { username: this.username, status: this.done ? 'done' : 'pending' };
  }

  protected override links(): Links {
    return { index: { href: this.uris.root(), title: 'Smilecook' } };
  }

  protected override forms() {
    return [form(passwordResetAffordances.reset, { done: this.done }, () => this.self)];
  }
}
