/**
 * The seam for cache purging (API.md §8): after an avatar or cover change has committed, and before
 * its response is sent, the image routes call the `ImageChangedHook` given to them by the
 * composition root (src/services.ts). All paths are absolute paths without PUBLIC_BASE_URL.
 */
export interface ImageChange {
  /** The user or recipe whose representation changed (`/users/{username}` or `/recipes/{id}`). */
  resource: string;
  /** Image files that stopped or started being shown by it (`/images/{file}`): the old and the new one. */
  images: string[];
  /** Collections whose embedded items changed, to be invalidated with any query (`/recipes`, `/users/{username}/recipes`). */
  collections: string[];
}

/** Must not throw for a failed purge (the change is done); the routes log and ignore it if it does. */
export type ImageChangedHook = (change: ImageChange) => void | Promise<void>;

/** The default: nothing to purge. */
export const ignoreImageChanges: ImageChangedHook = () => {};
