import type { RenderContext, Visibility } from '../src/core/representation.ts';
import type { SessionView } from '../src/tokens/session.service.ts';
import { sessionSchema } from '../schemas/account-changes.schema.ts';
import { form } from './hal-forms.ts';
import { Resource } from './resource.ts';
import { sessionAffordances, sessionPaths } from './session.affordances.ts';

/** Bump when the rendering of sessions changes. */
const RENDERING = 3;

export interface SessionOwner {
  id: number;
  username: string;
}

/** What a session's bytes are made of (its last use changes with every refresh). */
const seedOf = (session: SessionView) => `${session.id}:${session.lastUsedAt.getTime()}:${session.current ? 'current' : ''}`;

/** `/users/{username}/sessions/{id}` (API.md §3: sessions): one login, for the user themself, with `revoke`. */
export class SessionResource extends Resource {
  constructor(ctx: RenderContext, private readonly owner: SessionOwner, private readonly session: SessionView) {
    super(ctx);
  }

  get self(): string {
    return this.uris.of(sessionPaths.session, { username: this.owner.username, id: this.session.id });
  }

  get profile(): string {
    return sessionSchema.$id;
  }

  protected override seed(): string {
    return `session|${RENDERING}|${this.owner.id}|${seedOf(this.session)}`;
  }

  override visibility(): Visibility {
    return 'private';
  }

  protected override selfTitle(): string {
    return this.session.current ? 'This session' : `Logged in ${this.session.createdAt.toISOString().slice(0, 10)}`;
  }

  protected override properties() {
    const { session } = this;
    return {
      id: session.id, created_at: session.createdAt.toISOString(), last_used_at: session.lastUsedAt.toISOString(),
      user_agent: session.userAgent, current: session.current,
    };
  }

  protected override forms() {
    return [form(sessionAffordances.revoke, this.owner, () => this.self)];
  }
}

/** `/users/{username}/sessions`: the account's live logins, the most recently used first, with `revoke-others`. */
export class SessionCollectionResource extends Resource {
  constructor(ctx: RenderContext, private readonly owner: SessionOwner, private readonly sessions: SessionView[]) {
    super(ctx);
  }

  get self(): string {
    return this.uris.of(sessionPaths.sessions, { username: this.owner.username });
  }

  get profile(): string {
    return sessionSchema.$id;
  }

  protected override seed(): string {
    return `sessions|${RENDERING}|${this.owner.id}|${this.sessions.map(seedOf).join(',')}`;
  }

  override visibility(): Visibility {
    return 'private';
  }

  protected override selfTitle(): string {
    return `Where ${this.owner.username} is logged in`;
  }

  protected override properties() {
    return { total: this.sessions.length };
  }

  protected override embedded(): Record<string, Resource[]> {
    return { item: this.sessions.map((session) => new SessionResource(this.ctx, this.owner, session)) };
  }

  protected override forms() {
    return [form(sessionAffordances.revokeOthers, { id: this.owner.id }, () => this.self)];
  }
}
