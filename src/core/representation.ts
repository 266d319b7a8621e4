import type { Caller } from './caller.ts';
import type { Uris } from './uris.ts';

/** What every resource needs to render itself: where URIs point and who is asking. */
export interface RenderContext {
  uris: Uris;
  caller: Caller | null;
}

/**
 * `private`: the body shows something only the caller may see (a draft, an email address).
 * `no-store`: the body holds a secret or a one-time state (tokens, activation).
 */
export type Visibility = 'public' | 'private' | 'no-store';

/**
 * What the HTTP layer needs of a representation to send it (negotiation, ETag, Cache-Control,
 * Vary, Link: rel="profile", 304): resources/ implements it, src/http reads it.
 */
export interface Representable {
  /** The canonical URI (`self`, sent as Content-Location). */
  readonly self: string;
  /** `$id` of the JSON Schema of what the resource's unsafe methods accept (rel="profile"). */
  readonly profile: string;
  /** Whether the body changes with the caller: adds `Vary: Authorization`. */
  readonly dependsOnCaller: boolean;
  visibility(): Visibility;
  lastModified(): Date | undefined;
  /**
   * Changes whenever the representation may change, for one caller and media type: the ETag is made
   * from it, so a revalidation or an If-Match is decided without rendering anything.
   */
  etagSeed(): string;
  /** What it shows, as cache tags (src/core/cache-keys.ts `pageKeys`): sent when it may be shared (API.md §8). */
  cacheKeys(): readonly string[];
  hasTemplates(): boolean;
  toHal(): object;
}
