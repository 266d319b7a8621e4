import { userSchema } from '../schemas/account.schema.ts';
import { Resource, type Links, type RenderContext, type Visibility } from './resource.ts';

export interface UserView {
  id: number;
  username: string;
  email: string;
  avatar: string | null | undefined;
  createdAt: Date;
  updatedAt: Date;
}

/** `/users/{username}` (API.md §4). The email and edit-media appear only for the user themself. */
export class UserResource extends Resource {
  constructor(ctx: RenderContext, private readonly user: UserView) {
    super(ctx);
  }

  private get isSelf(): boolean {
    return this.ctx.caller?.id === this.user.id;
  }

  get self(): string {
    return this.uris.user(this.user.username);
  }

  get profile(): string {
    return userSchema.$id;
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
      avatar_url: user.avatar ? this.uris.image(user.avatar) : null,
      created_at: user.createdAt.toISOString(),
    };
  }

  protected override links(): Links {
    const { uris, user } = this;
    return {
      recipes: { href: uris.userRecipes(user.username), title: `Recipes by ${user.username}` },
      ...(user.avatar && { avatar: { href: uris.image(user.avatar), title: 'Avatar' } }),
      ...(this.isSelf && {
        drafts: { href: uris.userRecipes(user.username, { visibility: 'private' }), title: 'Your drafts (only you see them)' },
        'edit-media': { href: uris.avatar(user.username), title: 'Avatar image (PUT an image, DELETE to remove)' },
      }),
    };
  }
}
