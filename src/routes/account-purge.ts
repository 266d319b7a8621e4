import { recipePaths } from '../../resources/recipe.affordances.ts';
import { changeKeys } from '../core/cache-keys.ts';
import type { Uris } from '../core/uris.ts';
import type { DeletedAccount } from '../users/account.service.ts';

/** What a deleted account leaves in caches: the cache tags to purge, and the lists to name as invalidated for clients. */
export interface Forgotten {
  keys: string[];
  invalidates: string[];
}

/**
 * THE list of what a deleted account leaves in caches (API.md §8, §3: afterwards every URL of the user
 * and of their recipes is a 404, also in listings and searches) — computed here only, from what the
 * deletion erased: the user's page, every page showing one of their recipes, their list, the public
 * listing when they had published recipes (its totals and pages shift), and every image file they
 * showed (src/core/cache-keys.ts `changeKeys.account`). Clients are told of the lists by
 * `Link: rel="invalidates"`.
 */
export function deletedAccountKeys(uris: Uris, userId: number, deleted: DeletedAccount): Forgotten {
  const files = [deleted.avatar, ...deleted.recipes.map((recipe) => recipe.cover)];
  const listed = deleted.recipes.some((recipe) => recipe.isPublish);
  return {
    keys: changeKeys.account(userId, files, listed),
    invalidates: [uris.of(recipePaths.userCollection, { username: deleted.username }), ...(listed ? [uris.of(recipePaths.collection, {})] : [])],
  };
}
