import type { Request, Response } from 'express';
import { imagePaths } from '../../resources/image.affordances.ts';
import { httpSettings } from '../http/context.ts';
import { readUpload, type UploadRules } from '../http/upload-body.ts';
import { MAX_IMAGE_BYTES } from '../images/image-processing.ts';
import type { ReadUpload } from '../images/image.service.ts';

const UPLOAD: UploadRules = { maxBytes: MAX_IMAGE_BYTES, rawTypes: ['image/jpeg', 'image/png', 'image/webp'], field: 'file' };

/** The image of an `edit-media` PUT (API.md §7), read only when the service asks for it (once the caller may upload). */
export const upload = (req: Request, res: Response): ReadUpload => () => readUpload(req, res, UPLOAD);

/** The URI of a stored image file. */
export const imageUri = (req: Request, file: string): string => httpSettings(req).uris.of(imagePaths.file, { file });
