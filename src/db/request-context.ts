import { RequestContext, type EntityManager } from '@mikro-orm/core';
import type { AsyncLocalStorage } from 'node:async_hooks';
import { findTracesAlsoIn, type TraceContext } from '../core/trace-context.ts';

/**
 * The request's EntityManager, forked only when something asks for it: most reads run plain SQL
 * through the connection (listings, one recipe, revalidations) and never need the fork, whose unit
 * of work and identity map cost allocations on every request (the profile's garbage collector).
 */
class LazyForks extends Map<string, EntityManager> {
  private forking = false;

  constructor(private readonly root: EntityManager) {
    super();
  }

  override get(name: string): EntityManager | undefined {
    let em = super.get(name);
    // While forking, the new EntityManager's constructor looks the context up too: it must not recurse.
    if (em === undefined && name === this.root.name && !this.forking) {
      this.forking = true;
      try {
        em = this.root.fork({ useContext: true, disableContextResolution: true });
      } finally {
        this.forking = false;
      }
      super.set(name, em);
    }
    return em;
  }
}

/** A request's context also holds its trace (API.md §13: logs and outgoing requests name it). */
class TracedRequestContext extends RequestContext {
  constructor(map: Map<string, EntityManager>, readonly trace: TraceContext | undefined) {
    super(map);
  }
}

// MikroORM 6.6.16 (pinned) keeps its contexts in this AsyncLocalStorage; RequestContext.create() forks eagerly.
const storage = (RequestContext as unknown as { storage: AsyncLocalStorage<RequestContext> }).storage;
findTracesAlsoIn(() => (storage.getStore() as Partial<TracedRequestContext> | undefined)?.trace);

/**
 * Runs `next` in a request context of its own, exactly as RequestContext.create(em, next), but with a
 * lazy fork; the request's trace rides along, so that no second AsyncLocalStorage is needed for it.
 */
export function inRequestContext(root: EntityManager, next: () => void, trace?: TraceContext): void {
  storage.run(new TracedRequestContext(new LazyForks(root), trace), next);
}
