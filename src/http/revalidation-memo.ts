import type { Representable, Visibility } from '../core/representation.ts';

/**
 * The validators of representations whose ETag is made from their content (a listing page: its items'
 * versions), remembered per identity (caller and URI) with the change counter they were read at. While
 * the counter has not moved, nothing the page shows can have changed, so a revalidation is answered 304
 * from the memo with no page query (API.md §8 keeps revalidations cheap); once it moves, the page is read
 * again and, if it shows the same, keeps its ETag. Per instance and bounded (oldest first out): it only
 * saves work, it never decides an answer another instance would not give.
 */
export class RevalidationMemo {
  private readonly entries = new Map<string, { revision: number; known: Representable }>();

  /** At most this many pages per instance (each holds its validator and its cache tags: a few kB at most). */
  constructor(private readonly capacity = 2_000) {}

  /** What was sent for `identity` at `revision`, when the counter has not moved since. */
  get(identity: string, revision: number): Representable | undefined {
    const entry = this.entries.get(identity);
    return entry?.revision === revision ? entry.known : undefined;
  }

  remember(identity: string, revision: number, resource: Representable): void {
    this.entries.delete(identity);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(identity, { revision, known: snapshot(resource) });
  }
}

/** Everything a 304 needs of a representation, computed once; it renders no body. */
function snapshot(resource: Representable): Representable {
  const seed = resource.etagSeed();
  const keys = resource.cacheKeys();
  const visibility: Visibility = resource.visibility();
  const modified = resource.lastModified();
  const templates = resource.hasTemplates();
  return {
    self: resource.self,
    profile: resource.profile,
    dependsOnCaller: resource.dependsOnCaller,
    visibility: () => visibility,
    lastModified: () => modified,
    etagSeed: () => seed,
    cacheKeys: () => keys,
    hasTemplates: () => templates,
    toHal: () => {
      throw new Error('a remembered representation has no body: send it only as a 304');
    },
  };
}
