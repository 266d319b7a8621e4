import { AppError } from '../core/app-error.ts';
import type { Caller } from '../core/caller.ts';
import { authorize, unauthorized } from '../core/policy.ts';
import { canSeeRecipe, recipePolicies } from '../recipes/recipe.policies.ts';
import type { Recipe } from '../recipes/recipe.entity.ts';
import type { Precondition, RecipeService } from '../recipes/recipe.service.ts';
import { userPolicies } from '../users/user.policies.ts';
import type { User } from '../users/user.entity.ts';
import type { UserService } from '../users/user.service.ts';
import type { ImageProcessor } from './image-processing.ts';
import type { ImageReferenceRepository } from './image-reference.repository.ts';
import { makePreview } from './image-preview.ts';
import { imageNameOf, isImageName, isPreviewName, originalNameOf, type ImageStore, type StoredImage } from './image-store.ts';
import type { StoredImageRepository } from './stored-image.repository.ts';

/** Reads the uploaded bytes; called only once the caller is known to be allowed to upload. */
export type ReadUpload = () => Promise<Buffer>;

/** A changed image: the file now shown (null: none) and the one it replaced. */
export interface ImageSwap {
  previous: string | null;
  current: string | null;
}

/** `private`: only a draft's owner may see it. */
export type ImageVisibility = 'public' | 'private';

export interface ImageServiceDeps {
  users: UserService;
  recipes: RecipeService;
  references: ImageReferenceRepository;
  stored: StoredImageRepository;
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

  async setAvatar(caller: Caller | null, username: string, read: ReadUpload, precondition: (user: User) => void): Promise<ImageSwap & { user: User }> {
    if (caller === null) throw unauthorized();
    const user = await this.deps.users.byUsername(username);
    authorize(userPolicies.setAvatar, caller, user);
    precondition(user);
    const current = await this.store(await read(), 'avatar', caller);
    return { ...(await this.deps.users.setAvatar(caller, username, current, precondition)), current };
  }

  async removeAvatar(caller: Caller | null, username: string, precondition: (user: User) => void): Promise<ImageSwap & { user: User }> {
    return { ...(await this.deps.users.setAvatar(caller, username, null, precondition)), current: null };
  }

  async setCover(caller: Caller | null, recipeId: number, read: ReadUpload, precondition: Precondition): Promise<ImageSwap & { recipe: Recipe }> {
    if (caller === null) throw unauthorized();
    await this.deps.recipes.check(recipePolicies.setCover, caller, recipeId, precondition);
    const current = await this.store(await read(), 'cover', caller);
    return { ...(await this.deps.recipes.setCover(caller, recipeId, current, precondition)), current };
  }

  async removeCover(caller: Caller | null, recipeId: number, precondition: Precondition): Promise<ImageSwap & { recipe: Recipe }> {
    return { ...(await this.deps.recipes.setCover(caller, recipeId, null, precondition)), current: null };
  }

  /** The avatar file a user shows now (GET on its edit-media: 303 to it); 404 when there is none. */
  async currentAvatar(username: string): Promise<string> {
    const user = await this.deps.users.byUsername(username);
    if (!user.avatar) throw new AppError('not-found', `${user.username} has no avatar.`);
    return user.avatar;
  }

  /** The cover file of a recipe the caller may see (a draft of someone else's is a 404 like a missing one); 404 when none. */
  async currentCover(caller: Caller | null, recipeId: number): Promise<string> {
    const recipe = await this.deps.recipes.view(caller, recipeId);
    if (!recipe.cover) throw new AppError('not-found', `Recipe ${recipeId} has no cover image.`);
    return recipe.cover;
  }

  /**
   * Who may see an image file (`GET /images/{file}`): everybody when an avatar or a recipe anybody
   * may see shows it; only the caller when only a draft of theirs does; otherwise it does not exist
   * (404). Decided from the database alone, so a revalidation (304) never touches the store.
   */
  async visibility(caller: Caller | null, fileName: string): Promise<ImageVisibility> {
    if (!isImageName(fileName)) throw notFound(fileName);
    const shown = originalNameOf(fileName); // a preview is seen by whoever may see its image
    if (await this.deps.references.isAvatar(shown)) return 'public';
    const recipes = await this.deps.references.coverCandidates(shown, caller?.id ?? null);
    if (recipes.some((recipe) => canSeeRecipe(null, recipe))) return 'public';
    if (recipes.some((recipe) => canSeeRecipe(caller, recipe))) return 'private';
    throw notFound(fileName);
  }

  /** The stored file, once `visibility` said the caller may see it (a referenced file missing from the store: 404). */
  async read(fileName: string, options: { body: boolean }): Promise<StoredImage> {
    const image = await this.deps.store.open(fileName, options) ?? (isPreviewName(fileName) ? await this.storePreview(fileName, options) : null);
    if (!image) throw notFound(fileName);
    return image;
  }

  /** A preview is made on its first request and stored beside its image (the maintenance job deletes both). */
  private async storePreview(fileName: string, options: { body: boolean }): Promise<StoredImage | null> {
    const original = await this.deps.store.open(originalNameOf(fileName), { body: true });
    if (!original?.body) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of original.body) chunks.push(chunk as Buffer);
    await this.deps.store.put(await makePreview(Buffer.concat(chunks), fileName), 'webp', fileName);
    return this.deps.store.open(fileName, options);
  }

  /**
   * Re-encodes an upload and stores it. The file is recorded (stored_images) before it is written,
   * so the maintenance job, which deletes unreferenced files after a grace period, never deletes one
   * that an upload in progress is about to refer to.
   */
  private async store(upload: Buffer, kind: 'avatar' | 'cover', caller: Caller): Promise<string> {
    const image = await this.deps.processor.process(upload, kind, `account:${caller.id}`);
    await this.deps.stored.record(imageNameOf(image.bytes, image.extension));
    return this.deps.store.put(image.bytes, image.extension);
  }
}
