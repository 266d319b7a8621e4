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
  /** Stores the bytes (unless stored already) under their name; resolves to the name. */
  put(bytes: Buffer, extension: string): Promise<string>;
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

/** Stored names: the sha256 of the stored bytes and the extension of their format — nothing else. */
const FILE_NAME = /^[0-9a-f]{64}\.(webp|jpg|png)$/;
const CONTENT_TYPES: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

export function isImageName(name: string): boolean {
  return FILE_NAME.test(name);
}

/** The content-addressed name of some bytes. */
export function imageNameOf(bytes: Buffer, extension: string): string {
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
  if (!isImageName(name)) throw new Error(`unsupported image extension: ${extension}`);
  return name;
}

/** What the name alone says of an image: its type and strong validator. */
export function describeImage(name: string): { contentType: string; etag: string } {
  const [hash, extension] = name.split('.') as [string, string];
  return { contentType: CONTENT_TYPES[extension]!, etag: `"${hash}"` };
}
