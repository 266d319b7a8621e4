import type { Logger } from 'pino';
import { Uris } from '../../resources/uris.ts';

/** What a committed change altered, as absolute paths without PUBLIC_BASE_URL (the shape of images' ImageChange). */
export interface RecipeChange {
  /** The recipe (`/recipes/{id}`). */
  resource: string;
  /** Its cover file, when the change alters who may see it or whether it exists (`/images/{file}`). */
  images: string[];
  /** The lists it appears in, to be invalidated with any query. */
  collections: string[];
}

/** Called after each committed recipe change and before its response: the seam for cache purging. */
export type RecipeChangedHook = (change: RecipeChange) => void | Promise<void>;

export interface RecipeRoutesOptions {
  onRecipeChanged?: RecipeChangedHook;
  logger?: Logger;
}

interface ChangedRecipe {
  id: number;
  cover?: string | null;
  user: { username: string };
}

const paths = new Uris();

/**
 * Tells the hook (if any) what a change altered; `withCover` when the change affects who may see
 * the cover (publish, unpublish, delete). A failing hook is logged and never fails the change.
 */
export function announcer(options: RecipeRoutesOptions) {
  return async (recipe: ChangedRecipe, withCover: boolean, reqId?: string): Promise<void> => {
    if (!options.onRecipeChanged) return;
    try {
      await options.onRecipeChanged({
        resource: paths.recipe(recipe.id),
        images: withCover && recipe.cover ? [paths.image(recipe.cover)] : [],
        collections: [paths.recipes(), paths.userRecipes(recipe.user.username)],
      });
    } catch (error) {
      options.logger?.error({ err: error, reqId }, 'recipe change hook failed');
    }
  };
}
