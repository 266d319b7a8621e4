import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecipeService } from '../recipes/recipe.service.ts';
import type { UserService } from '../users/user.service.ts';
import { ImageProcessor } from './image-processing.ts';
import { ImageReferenceRepository } from './image-reference.repository.ts';
import type { ImageStore } from './image-store.ts';
import { ImageService } from './image.service.ts';
import { LocalImageStore } from './local-image-store.ts';
import { S3ImageStore, type S3Settings } from './s3-image-store.ts';
import { StoredImageRepository } from './stored-image.repository.ts';

/** The images domain, wired: the store of API.md §11 (S3_BUCKET, else DATA_DIR/uploads) and its service. */
export async function openImages(
  config: { s3?: S3Settings | undefined; dataDir: string }, em: () => EntityManager, domains: { users: UserService; recipes: RecipeService },
): Promise<{ service: ImageService; store: ImageStore; stored: StoredImageRepository; close(): void }> {
  const store = config.s3 ? await S3ImageStore.connect(config.s3) : new LocalImageStore(path.join(config.dataDir, 'uploads'));
  const stored = new StoredImageRepository(em);
  const service = new ImageService({
    ...domains, references: new ImageReferenceRepository(em), stored, store, processor: new ImageProcessor(),
  });
  return {
    service,
    store,
    stored,
    close: () => {
      if (store instanceof S3ImageStore) store.close();
    },
  };
}
