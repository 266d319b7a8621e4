import { ConcurrencyLimit } from './concurrency-limit.ts';

/** Previews are squares of this many pixels: a list's 72 px thumbnail, sharp on a 2× screen. */
export const PREVIEW_SIZE = 160;

/** A few at a time: a preview is made once per image, on its first request, from the stored (re-encoded, ≤ 1200 px) image. */
const limit = new ConcurrencyLimit(2, 64);

/** A small square WebP of a stored image, cropped to fill (API.md §7). */
export async function makePreview(stored: Buffer): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  return limit.run(() => sharp(stored, { limitInputPixels: 1600 * 1600, failOn: 'none' })
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'cover', withoutEnlargement: true })
    .webp({ quality: 75, effort: 4 })
    .toBuffer());
}
