import { fileTypeFromBuffer } from 'file-type';
import type { Metadata, Sharp } from 'sharp';
import { AppError } from '../core/app-error.ts';
import { FairQueue } from '../core/fair-queue.ts';
import { THREAD_BUDGET } from '../core/thread-budget.ts';

/** API.md §7 and §10 limits: bytes, pixels, and the longest side (a 1 × 24 000 000 PNG is under 25 MP, and takes seconds to decode). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 25_000_000;
export const MAX_IMAGE_SIDE = 10_000;

/** What an image is for decides its size: avatars ≤ 256×256 (cropped to fill), covers ≤ 1200 wide. */
export type ImageKind = 'avatar' | 'cover';

/** What the server stores and serves: always WebP, metadata stripped, sRGB, upright. */
export interface ProcessedImage {
  bytes: Buffer;
  extension: 'webp';
}

/** Accepted by content (magic bytes), whatever the request claimed; mapped to sharp's format names. */
const ACCEPTED_TYPES: ReadonlyMap<string, string> = new Map([
  ['image/jpeg', 'jpeg'], ['image/png', 'png'], ['image/apng', 'png'], ['image/webp', 'webp'],
]);

const DECODE_OPTIONS = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning', sequentialRead: true } as const;
const PROCESSING_TIMEOUT_SECONDS = 20;

let loaded: Promise<typeof import('sharp').default> | undefined;

/** sharp (libvips) is loaded with the first image, not at start: a server that never sees one saves its memory. */
function loadSharp(): Promise<typeof import('sharp').default> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false); // every upload is different: libvips' operation cache would only hold memory
    return sharp;
  });
  return loaded;
}

/** 10000 → "10 000" (the SI's thousands separator, as API.md writes it). */
const spaced = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ' ');

function unusable(detail: string): AppError {
  return new AppError('image-invalid', detail);
}

function resized(image: Sharp, kind: ImageKind): Sharp {
  return kind === 'avatar'
    ? image.resize(256, 256, { fit: 'cover', withoutEnlargement: true })
    : image.resize(1200, 1600, { fit: 'inside', withoutEnlargement: true });
}

/** Checks the header (no pixel decoded yet), then decodes, orients, resizes and re-encodes. */
async function reencode(input: Buffer, format: string, kind: ImageKind): Promise<ProcessedImage> {
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    // The header only: the pixel limit is checked here with a clear message, then again by the decoder.
    metadata = await sharp(input, { ...DECODE_OPTIONS, limitInputPixels: false }).metadata();
  } catch {
    throw unusable('The image could not be decoded.');
  }
  const { width = 0, height = 0 } = metadata;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw unusable(`The image has ${width}×${height} pixels; each side may be at most ${spaced(MAX_IMAGE_SIDE)} pixels.`);
  }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw unusable(`The image has ${width}×${height} pixels; at most ${MAX_IMAGE_PIXELS / 1e6} megapixels are accepted.`);
  }
  if (metadata.format !== format || width === 0 || height === 0) throw unusable('The image could not be decoded.');
  try {
    const bytes = await resized(sharp(input, DECODE_OPTIONS).autoOrient(), kind)
      .webp({ quality: 82, alphaQuality: 90, effort: 4 })
      .timeout({ seconds: PROCESSING_TIMEOUT_SECONDS })
      .toBuffer();
    return { bytes, extension: 'webp' };
  } catch {
    throw unusable('The image could not be decoded (it may be truncated or corrupt).');
  }
}

/**
 * The process's image work: decoding runs on libuv's thread pool (sharp), within the share of it the
 * thread budget gives images (so password hashing never waits for those threads), one image per
 * account at a time, accounts served in turn (API.md §10).
 */
const SHARED_QUEUE = new FairQueue({ slots: THREAD_BUDGET.images, waitingPerOwner: 8, waiting: 64 });

/** Other image work (making a preview) in the same share of the threads, as one more owner served in turn. */
export function imageWork<T>(owner: string, task: () => Promise<T>): Promise<T> {
  return SHARED_QUEUE.run(owner, task);
}

/** Turns an uploaded image into the one the server serves. */
export class ImageProcessor {
  constructor(private readonly queue = SHARED_QUEUE) {}

  /** `owner`: whose upload it is (an account), for the fair share of the decoding threads. */
  async process(input: Buffer, kind: ImageKind, owner: string): Promise<ProcessedImage> {
    const detected = await fileTypeFromBuffer(input);
    const format = detected && ACCEPTED_TYPES.get(detected.mime);
    if (!format) throw new AppError('unsupported-media-type', 'The body is not a JPEG, PNG or WebP image (judged by its content).');
    return this.queue.run(owner, () => reencode(input, format, kind));
  }
}
