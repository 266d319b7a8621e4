import type { HalLink, HalResource } from 'hal-types';
import type { Representable, RenderContext, Visibility } from '../src/core/representation.ts';
import type { Uris } from '../src/core/uris.ts';
import { isOffered, templatesOf, type Form, type FormTemplate } from './hal-forms.ts';

export type Links = Record<string, HalLink | HalLink[]>;

/** A HAL body with HAL-FORMS templates as the spec has them (hal-types 1.x lacks options' array form). */
export type HalBody = Omit<HalResource, '_templates'> & { _templates?: Record<string, FormTemplate> };

/**
 * A HAL resource. Subclasses say what they contain; the HTTP layer (src/http/representation) turns
 * that into a response: negotiation, ETag (from `etagSeed`), Cache-Control, Vary, profile link, 304.
 */
export abstract class Resource implements Representable {
  constructor(protected readonly ctx: RenderContext) {}

  protected get uris(): Uris {
    return this.ctx.uris;
  }

  /** The resource's canonical URI (its `self` link, sent as Content-Location). */
  abstract get self(): string;

  /** JSON Schema ($id) of what the resource's unsafe methods accept, linked as rel="profile". */
  abstract get profile(): string;

  /**
   * What the representation is made from, for this caller: its kind and rendering version, the
   * resource's version and the caller's view of it (owner or not). Equal seeds must render equal
   * bytes: the ETag is made from the seed (and the public base of the links), never from the body.
   */
  protected abstract seed(): string;

  etagSeed(): string {
    return `${this.uris.base}|${this.seed()}`;
  }

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

  /** What it shows, as cache tags (src/core/cache-keys.ts): nothing that a change could alter, unless a subclass says so. */
  cacheKeys(): readonly string[] {
    return [];
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

  /** The HAL-FORMS templates the resource may offer; those the caller is offered are rendered (hal-forms.ts). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forms over the states of their own affordances
  protected forms(): ReadonlyArray<Form<any>> {
    return [];
  }

  /** Whether any template is offered to the caller: decided by the policies alone, nothing rendered. */
  hasTemplates(): boolean {
    return this.forms().some((candidate) => isOffered(this.ctx, candidate));
  }

  private selfLink(): HalLink {
    const title = this.selfTitle();
    return title === undefined ? { href: this.self } : { href: this.self, title };
  }

  toHal(): HalBody {
    const templates = templatesOf(this.ctx, this.forms());
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
