import { AppError } from '../problem-types.ts';
import type { Recipe } from '../recipes/recipe.entity.ts';
import { canSeeRecipe, isRecipeOwner, type CallerId } from '../recipes/recipe-permissions.ts';
import type { Precondition, RecipeService } from '../recipes/recipe.service.ts';
import type { User } from '../users/user.entity.ts';
import type { UserService } from '../users/user.service.ts';
import type { ImageProcessor } from './image-processing.ts';
import type { ImageReferenceRepository } from './image-reference.repository.ts';
import { ImageStore, type StoredImage } from './image-store.ts';

/** Reads the uploaded bytes; called only once the caller is known to be allowed to upload. */
export type ReadUpload = () => Promise<Buffer>;

/** A changed image: the file now shown (null: none) and the one it replaced. */
export interface ImageSwap {
  previous: string | null;
  current: string | null;
}

export interface ServedImage extends StoredImage {
  /** `private`: only a draft's owner may see it. */
  visibility: 'public' | 'private';
}

export interface ImageServiceDeps {
  users: UserService;
  recipes: RecipeService;
  references: ImageReferenceRepository;
  store: ImageStore;
  processor: ImageProcessor;
}

function notFound(fileName: string): AppError {
  return new AppError('not-found', `There is no image ${fileName}.`);
}

/**
 * Avatars and recipe covers (API.md §7). Who may change what is checked before the upload is read
 * (nothing is decoded for a caller who will be refused) and again, authoritatively, in the write's
 * transaction; the stored file is written before that transaction, so a committed name always exists.
 */
export class ImageService {
  constructor(private readonly deps: ImageServiceDeps) {}

  async setAvatar(callerId: number, username: string, read: ReadUpload, precondition: (user: User) => void): Promise<ImageSwap & { user: User }> {
    const user = await this.deps.users.byUsername(username);
    if (user.id !== callerId) throw new AppError('forbidden', 'Only the user themself may change their avatar.');
    precondition(user);
    const current = await this.store(await read(), 'avatar');
    return { ...(await this.deps.users.setAvatar(callerId, username, current, precondition)), current };
  }

  async removeAvatar(callerId: number, username: string, precondition: (user: User) => void): Promise<ImageSwap & { user: User }> {
    return { ...(await this.deps.users.setAvatar(callerId, username, null, precondition)), current: null };
  }

  async setCover(callerId: number, recipeId: number, read: ReadUpload, precondition: Precondition): Promise<ImageSwap & { recipe: Recipe }> {
    const recipe = await this.deps.recipes.get(callerId, recipeId);
    if (!isRecipeOwner(recipe, callerId)) throw new AppError('forbidden', 'Only the author of a recipe may change it.');
    precondition(recipe);
    const current = await this.store(await read(), 'cover');
    return { ...(await this.deps.recipes.setCover(callerId, recipeId, current, precondition)), current };
  }

  async removeCover(callerId: number, recipeId: number, precondition: Precondition): Promise<ImageSwap & { recipe: Recipe }> {
    return { ...(await this.deps.recipes.setCover(callerId, recipeId, null, precondition)), current: null };
  }

  /**
   * An image file for `GET /images/{file}`: public when an avatar or a recipe anybody may see shows
   * it; private when only a draft of the caller's does; otherwise it does not exist (404).
   */
  async open(callerId: CallerId, fileName: string): Promise<ServedImage> {
    if (!ImageStore.isValidName(fileName)) throw notFound(fileName);
    const visibility = await this.visibilityOf(callerId, fileName);
    const image = visibility && (await this.deps.store.get(fileName));
    if (!visibility || !image) throw notFound(fileName);
    return { ...image, visibility };
  }

  private async visibilityOf(callerId: CallerId, fileName: string): Promise<ServedImage['visibility'] | null> {
    if (await this.deps.references.isAvatar(fileName)) return 'public';
    const recipes = await this.deps.references.coverCandidates(fileName, callerId);
    if (recipes.some((recipe) => canSeeRecipe(recipe, null))) return 'public';
    if (recipes.some((recipe) => canSeeRecipe(recipe, callerId))) return 'private';
    return null;
  }

  private async store(upload: Buffer, kind: 'avatar' | 'cover'): Promise<string> {
    const image = await this.deps.processor.process(upload, kind);
    return this.deps.store.put(image.bytes, image.extension);
  }
}
