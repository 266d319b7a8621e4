import { imagePaths } from '../../resources/image.affordances.ts';
import { recipePaths } from '../../resources/recipe.affordances.ts';
import { sessionPaths } from '../../resources/session.affordances.ts';
import { userPaths } from '../../resources/user.affordances.ts';
import type { Uris } from '../core/uris.ts';
import type { DeletedAccount } from '../users/account.service.ts';

/** What caches must forget: URIs to purge one by one, and lists to ban with any query. */
export interface Forgotten {
  purge: string[];
  ban: string[];
}

/**
 * THE list of what a deleted account leaves in caches (API.md §8, §3: afterwards every URL of the user
 * and of their recipes is a 404, also in listings and searches) — computed here only, from what the
 * deletion erased: the user and their avatar, sessions and lists; each recipe, its publication and its
 * cover; every image file they showed; and the public listings (with any query: searches, sorts, pages).
 */
export function deletedAccountUris(uris: Uris, deleted: DeletedAccount): Forgotten {
  const username = { username: deleted.username };
  const files = new Set([deleted.avatar, ...deleted.recipes.map((recipe) => recipe.cover)].filter((file): file is string => file !== null));
  return {
    purge: [
      uris.of(userPaths.user, username), uris.of(userPaths.avatar, username), uris.of(sessionPaths.sessions, username),
      ...deleted.recipes.flatMap(({ id }) => [uris.of(recipePaths.item, { id }), uris.of(recipePaths.publication, { id }), uris.of(recipePaths.cover, { id })]),
      ...[...files].map((file) => uris.of(imagePaths.file, { file })),
    ],
    ban: [uris.of(recipePaths.userCollection, username), ...(deleted.recipes.some((recipe) => recipe.isPublish) ? [uris.of(recipePaths.collection, {})] : [])],
  };
}
