import { AppError } from '../../src/core/app-error.ts';
import type { Transactions } from '../../src/db/transactions.ts';

/** What a service call came to: 'done', or the problem's status. */
export type Outcome = 'done' | number;

export async function attempt(work: () => Promise<unknown>): Promise<Outcome> {
  try {
    await work();
    return 'done';
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

/**
 * A stand-in holding only the members a rule reads, accepted wherever a dependency is expected
 * (services are unit-tested for their rules only; the HTTP tests cover the rest).
 */
export function fake(members: object): never {
  return members as never;
}

/** Transactions that just run the work. */
export const inMemoryTx: Transactions = fake({ run: (work: () => Promise<unknown>) => work() });

/** The templates and action links (edit-media, drafts, sessions) a caller is offered, as rendered, sorted. */
export function offers(resource: { toHal(): object }): string[] {
  const hal = resource.toHal() as { _links: Record<string, unknown>; _templates?: Record<string, unknown> };
  const links = Object.keys(hal._links).filter((rel) => rel === 'edit-media' || rel === 'drafts' || rel === 'sessions');
  return [...Object.keys(hal._templates ?? {}), ...links].sort();
}
