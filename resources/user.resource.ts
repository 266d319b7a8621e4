import type { RenderContext, Visibility } from '../src/core/representation.ts';
import { userSchema } from '../schemas/account.schema.ts';
import { accountAffordances, accountPaths } from './account.affordances.ts';
import { affordanceLink, form } from './hal-forms.ts';
import { imagePaths } from './image.affordances.ts';
import { recipePaths } from './recipe.affordances.ts';
import { Resource, type Links } from './resource.ts';
import { sessionAffordances, sessionPaths } from './session.affordances.ts';
import { userAffordances, userPaths } from './user.affordances.ts';

export interface UserView {
  id: number;
  username: string;
  email: string;
  avatar: string | null | undefined;
  createdAt: Date;
  updatedAt: Date;
  /** Changes with every write to the account: the validator's seed. */
  version: number;
}

/** Bump when the rendering of a user changes. */
const RENDERING = 2;

/**
 * `/users/{username}` (API.md §4). The email, drafts, edit-media, sessions and the account's changes
 * (change-password, change-email, delete-account: API.md §3) appear only for the user themself.
 */
export class UserResource extends Resource {
  constructor(ctx: RenderContext, private readonly user: UserView) {
    super(ctx);
  }

  private get isSelf(): boolean {
    return this.ctx.caller?.id === this.user.id;
  }

  get self(): string {
    return this.uris.of(userPaths.user, { username: this.user.username });
  }

  get profile(): string {
    return userSchema.$id;
  }

  protected override seed(): string {
    return `user|${RENDERING}|${this.user.id}|${this.user.version}|${this.isSelf ? 'self' : 'other'}`;
  }

  override visibility(): Visibility {
    return this.isSelf ? 'private' : 'public';
  }

  override lastModified(): Date {
    return this.user.updatedAt;
  }

  protected override properties() {
    const { user } = this;
    return {
      id: user.id,
      username: user.username,
      ...(this.isSelf && { email: user.email }),
      avatar_url: user.avatar ? this.uris.of(imagePaths.file, { file: user.avatar }) : null,
      created_at: user.createdAt.toISOString(),
    };
  }

  protected override links(): Links {
    const { uris, user } = this;
    const username = { username: user.username };
    return {
      recipes: { href: uris.of(recipePaths.userCollection, username), title: `Recipes by ${user.username}` },
      ...(user.avatar && { avatar: { href: uris.of(imagePaths.file, { file: user.avatar }), title: 'Avatar' } }),
      ...(this.isSelf && {
        drafts: { href: uris.of(recipePaths.userCollection, username, { visibility: 'private' }), title: 'Your drafts (only you see them)' },
      }),
      ...affordanceLink(this.ctx, user, userAffordances.setAvatar, uris.of(userPaths.avatar, username)),
      ...affordanceLink(this.ctx, user, sessionAffordances.list, uris.of(sessionPaths.sessions, username)),
    };
  }

  protected override forms() {
    const { uris, user } = this;
    const username = { username: user.username };
    return [
      form(accountAffordances.changePassword, user, () => uris.of(accountPaths.password, username)),
      form(accountAffordances.changeEmail, user, () => uris.of(accountPaths.email, username)),
      form(accountAffordances.deleteAccount, user, () => uris.of(accountPaths.deletion, username)),
    ];
  }
}
