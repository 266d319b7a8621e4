import type { HalFormsTemplate, HalLink, HalResource } from 'hal-types';
import type { Uris } from './uris.ts';

export interface Caller {
  id: number;
  username: string;
  /** The access token that authenticated the request: its id, its family and its expiry (seconds since the epoch). */
  tokenId?: string;
  tokenFamily?: string;
  tokenExpires?: number;
}

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

export type Links = Record<string, HalLink | HalLink[]>;

/**
 * A HAL resource. Subclasses say what they contain; the HTTP layer (src/http/representation)
 * turns that into a response: negotiation, ETag, Cache-Control, Vary, Link: rel="profile", 304.
 */
export abstract class Resource {
  constructor(protected readonly ctx: RenderContext) {}

  protected get uris(): Uris {
    return this.ctx.uris;
  }

  /** The resource's canonical URI (its `self` link, sent as Content-Location). */
  abstract get self(): string;

  /** JSON Schema ($id) of what the resource's unsafe methods accept, linked as rel="profile". */
  abstract get profile(): string;

  visibility(): Visibility {
    return 'public';
  }

  /** Whether the body changes with the caller (templates, email): adds `Vary: Authorization`. */
  get dependsOnCaller(): boolean {
    return true;
  }

  lastModified(): Date | undefined {
    return undefined;
  }

  /**
   * A string that changes whenever the representation may change (for the same caller and
   * media type). When set, the ETag is made from it instead of from the body, so a revalidation
   * can be answered without rendering or counting anything.
   */
  etagSeed(): string | undefined {
    return undefined;
  }

  /** A title for the `self` link (what a browser shows as the resource's heading). */
  protected selfTitle(): string | undefined {
    return undefined;
  }

  protected properties(): Record<string, unknown> {
    return {};
  }

  protected links(): Links {
    return {};
  }

  protected embedded(): Record<string, Resource[]> {
    return {};
  }

  protected templates(): Record<string, HalFormsTemplate> {
    return {};
  }

  hasTemplates(): boolean {
    return Object.keys(this.templates()).length > 0;
  }

  private selfLink(): HalLink {
    const title = this.selfTitle();
    return title === undefined ? { href: this.self } : { href: this.self, title };
  }

  toHal(): HalResource {
    const templates = this.templates();
    const embedded = Object.entries(this.embedded());
    return {
      _links: { self: this.selfLink(), ...this.links() },
      ...this.properties(),
      ...(embedded.length > 0 && {
        _embedded: Object.fromEntries(embedded.map(([rel, items]) => [rel, items.map((item) => item.toHal())])),
      }),
      ...(Object.keys(templates).length > 0 && { _templates: templates }),
    };
  }
}
