import type { RenderContext, Visibility } from '../src/core/representation.ts';
import { confirmEmailSchema } from '../schemas/account-changes.schema.ts';
import { emailConfirmationAffordances, emailConfirmationPaths } from './email-confirmation.affordances.ts';
import { form } from './hal-forms.ts';
import { Resource, type Links } from './resource.ts';

/** `/email-confirmation/{token}` (API.md §3): a pending change of address (with `confirm-email`) or, once done, a link home. */
export class EmailConfirmationResource extends Resource {
  constructor(
    ctx: RenderContext, private readonly token: string, private readonly change: { username: string; email: string }, private readonly done: boolean,
  ) {
    super(ctx);
  }

  get self(): string {
    return this.uris.of(emailConfirmationPaths.confirmation, { token: this.token });
  }

  get profile(): string {
    return confirmEmailSchema.$id;
  }

  protected override seed(): string {
    return `email-confirmation|1|${this.token}|${this.change.username}|${this.change.email}|${this.done ? 'done' : 'pending'}`;
  }

  override visibility(): Visibility {
    return 'no-store';
  }

  override get dependsOnCaller(): boolean {
    return false;
  }

  protected override properties() {
    return { username: this.change.username, email: this.change.email, status: this.done ? 'done' : 'pending' };
  }

  protected override links(): Links {
    return { index: { href: this.uris.root(), title: 'Smilecook' } };
  }

  protected override forms() {
    return [form(emailConfirmationAffordances.confirm, { done: this.done }, () => this.self)];
  }
}
