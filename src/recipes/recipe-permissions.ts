/**
 * Who may see and do what with a recipe (API.md §5). The service enforces these rules and the
 * resource offers a template exactly when the same predicate holds, so the two never disagree.
 */
export interface RecipeState {
  isPublish: boolean;
  user: { id: number };
}

/** The caller's user id, or null when anonymous. */
export type CallerId = number | null;

export function isRecipeOwner(recipe: RecipeState, callerId: CallerId): boolean {
  return callerId !== null && recipe.user.id === callerId;
}

/** A draft exists only for its owner. */
export function canSeeRecipe(recipe: RecipeState, callerId: CallerId): boolean {
  return recipe.isPublish || isRecipeOwner(recipe, callerId);
}

export const canEditRecipe = isRecipeOwner;
export const canDeleteRecipe = isRecipeOwner;

export function canPublishRecipe(recipe: RecipeState, callerId: CallerId): boolean {
  return isRecipeOwner(recipe, callerId) && !recipe.isPublish;
}

export function canUnpublishRecipe(recipe: RecipeState, callerId: CallerId): boolean {
  return isRecipeOwner(recipe, callerId) && recipe.isPublish;
}
