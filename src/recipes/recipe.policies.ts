import type { Caller } from '../core/caller.ts';
import { open, signedIn } from '../core/policy.ts';

/** What the rules look at: whether it is published, whose it is. */
export interface RecipeState {
  isPublish: boolean;
  user: { id: number };
}

const isOwner = (caller: Caller | null, recipe: RecipeState) => caller !== null && recipe.user.id === caller.id;

/** A draft exists only for its owner (API.md §5): for anybody else it is a 404, never a 403. */
export const canSeeRecipe = (caller: Caller | null, recipe: RecipeState) => recipe.isPublish || isOwner(caller, recipe);

const ownerOnly = (useful?: (recipe: RecipeState) => boolean) => signedIn<RecipeState>({
  allows: isOwner, refusal: 'Only the author of a recipe may change it.', ...(useful && { useful: (_caller, recipe) => useful(recipe) }),
});

/** Who may do what to a recipe and its cover image (API.md §5, §7). */
export const recipePolicies = {
  view: open<RecipeState>({ allows: canSeeRecipe }),
  edit: ownerOnly(),
  delete: ownerOnly(),
  /** Idempotent (API.md §5): allowed again on a published recipe, offered only to a draft. */
  publish: ownerOnly((recipe) => !recipe.isPublish),
  unpublish: ownerOnly((recipe) => recipe.isPublish),
  /** The cover (edit-media): set and removed by the owner, seen by whoever sees the recipe. */
  setCover: ownerOnly(),
  removeCover: ownerOnly(),
  viewCover: open<RecipeState>({ allows: canSeeRecipe }),
};

/** Whose list it is (`/users/{username}/recipes`), or undefined for `/recipes`. */
export interface CollectionState {
  owner?: { id: number };
}

export const recipeCollectionPolicies = {
  list: open<CollectionState>({ allows: () => true }),
  /** Anyone authenticated writes a draft; a user's list offers it to that user only (it lands in their list). */
  create: signedIn<CollectionState>({ useful: (caller, list) => list.owner === undefined || list.owner.id === caller?.id }),
};
