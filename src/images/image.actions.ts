import { path } from '../core/paths.ts';

/**
 * The image files themselves (`/images/{hash}.webp`, API.md §7). Who may change which image is an
 * action of the recipe (cover) or the user (avatar): see recipe.actions.ts and user.actions.ts.
 */
export const imagePaths = {
  file: path('/images/:file'),
};
