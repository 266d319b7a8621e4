import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * Where image files live: a local directory (DATA_DIR/uploads) or an S3 bucket (S3_BUCKET, shared
 * by every instance: API.md §12). Content-addressed: the name is the SHA-256 of the stored bytes
 * and the extension of their format, so a name never changes meaning, uploads are idempotent and two
 * recipes with the same picture share one file. Which names are referenced, and when an unreferenced
 * one may be deleted, is the maintenance job's business (stored_images).
 */
export interface ImageStore {
  /** Stores the bytes (unless stored already) under their name (or `name`: a preview's); resolves to the name. */
  put(bytes: Buffer, extension: string, name?: string): Promise<string>;
  /** The stored file's size and a stream of its bytes (`body: false`, for HEAD: the size only); null when there is none. */
  open(name: string, options: { body: boolean }): Promise<StoredImage | null>;
  /** Removes the file (nothing happens when it is not there). */
  delete(name: string): Promise<void>;
  /** Resolves when the store answers, rejects when it does not (readiness). */
  ping(): Promise<void>;
}

export interface StoredImage {
  size: number;
  /** The bytes, when they were asked for. */
  body: Readable | undefined;
}

/**
 * Stored names: the sha256 of the stored bytes and the extension of their format — nothing else —,
 * or an image's preview (a small square made from it, API.md §7): its name, `-preview`, always WebP.
 * A preview is derived from immutable bytes, so its name never changes meaning either.
 */
const FILE_NAME = /^[0-9a-f]{64}(\.(webp|jpg|png)|-preview\.webp)$/;
const PREVIEW_SUFFIX = '-preview.webp';
const CONTENT_TYPES: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

export function isImageName(name: string): boolean {
  return FILE_NAME.test(name);
}

export const isPreviewName = (name: string): boolean => name.endsWith(PREVIEW_SUFFIX);

/** The preview's name of a stored image: `<hash>-preview.webp`. */
export const previewNameOf = (name: string): string => `${name.split('.')[0]!.replace(/-preview$/, '')}${PREVIEW_SUFFIX}`;

/** The image a name shows: itself, or for a preview the (WebP, as every stored image) image it was made from. */
export const originalNameOf = (name: string): string => (isPreviewName(name) ? `${name.slice(0, -PREVIEW_SUFFIX.length)}.webp` : name);

/** The content-addressed name of some bytes. */
export function imageNameOf(bytes: Buffer, extension: string): string {
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
  if (!isImageName(name)) throw new Error(`unsupported image extension: ${extension}`);
  return name;
}

/** What the name alone says of an image: its type and strong validator. */
export function describeImage(name: string): { contentType: string; etag: string } {
  const [hash, extension] = name.split('.') as [string, string];
  return { contentType: CONTENT_TYPES[extension]!, etag: `"${hash}"` }; // a preview's hash part ends in -preview
}
