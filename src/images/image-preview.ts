import { imageWork } from './image-processing.ts';

/** Previews are squares of this many pixels: a list's 72 px thumbnail, sharp on a 2× screen. */
export const PREVIEW_SIZE = 160;

/**
 * A small square WebP of a stored image, cropped to fill (API.md §7). Made once per image, on its first
 * request, from the stored (re-encoded, ≤ 1200 px) image, within the image work's share of the threads
 * (image-processing.ts), so it never holds up uploads or password hashing; each preview is an owner of
 * its own there, so a page of new thumbnails is served in turn with the uploads, never refused one by one.
 */
export async function makePreview(stored: Buffer, name: string): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return imageWork(`preview:${name}`, () => sharp(stored, { limitInputPixels: 1600 * 1600, failOn: 'none' })
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'cover', withoutEnlargement: true })
    .webp({ quality: 75, effort: 4 })
    .toBuffer());
}
