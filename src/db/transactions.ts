import { RequestContext } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * The one way to run a transaction: services call `run`, and every query their repositories make
 * inside it joins it (MikroORM's transaction context). Failures are read in one place too:
 * src/db/database-errors.ts.
 */
export class Transactions {
  constructor(private readonly orm: MikroORM) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.orm.em.transactional(() => work());
  }

  /** For work outside any request (the mail sender, the maintenance job): a database context of its own. */
  detached<T>(work: () => Promise<T>): Promise<T> {
    return RequestContext.create(this.orm.em, work);
  }
}
