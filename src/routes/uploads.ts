import type { Request, Response } from 'express';
import { imagePaths } from '../../resources/image.affordances.ts';
import { httpSettings } from '../http/context.ts';
import { purgeAlso } from '../http/purge-changes.ts';
import { readUpload, type UploadRules } from '../http/upload-body.ts';
import { MAX_IMAGE_BYTES } from '../images/image-processing.ts';
import { previewNameOf } from '../images/image-store.ts';
import type { ImageSwap, ReadUpload } from '../images/image.service.ts';

const UPLOAD: UploadRules = { maxBytes: MAX_IMAGE_BYTES, rawTypes: ['image/jpeg', 'image/png', 'image/webp'], field: 'file' };

/** The image of an `edit-media` PUT (API.md §7), read only when the service asks for it (once the caller may upload). */
export const upload = (req: Request, res: Response): ReadUpload => () => readUpload(req, res, UPLOAD);

/** The URI of a stored image file. */
export const imageUri = (req: Request, file: string): string => httpSettings(req).uris.of(imagePaths.file, { file });

/** The files a change stopped or started showing: purged from caches with the change (API.md §8). */
export function purgeImagesOf(req: Request, swap: ImageSwap): void {
  const files = [...new Set([swap.previous, swap.current])].filter((file): file is string => file !== null);
  purgeAlso({ purge: files.flatMap((file) => [imageUri(req, file), imageUri(req, previewNameOf(file))]) });
}
