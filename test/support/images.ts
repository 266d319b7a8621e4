import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import sharp from 'sharp';
import type { TestServer } from './test-server.ts';

export type Format = 'jpeg' | 'png' | 'webp';

/** A copy that fetch accepts as a body (TypeScript wants an ArrayBuffer-backed view, not a Buffer). */
export const bytesOf = (buffer: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(buffer);

/** A solid-colour test image with a blue strip (so encoders have something to do). */
export async function makeImage(format: Format, width: number, height: number, color = '#c0392b'): Promise<Uint8Array<ArrayBuffer>> {
  const strip = await sharp({ create: { width: Math.max(1, Math.floor(width / 4)), height, channels: 3, background: '#2980b9' } })
    .png().toBuffer();
  return bytesOf(await sharp({ create: { width, height, channels: 3, background: color } })
    .composite([{ input: strip, left: 0, top: 0 }])
    .toFormat(format)
    .toBuffer());
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What a served image decodes to. */
export async function imageInfo(bytes: Uint8Array) {
  return sharp(bytes).metadata();
}

/** PUT of raw bytes (or a form) to a URL discovered by link, optionally with a bearer token and extra headers. */
export function putImage(
  server: TestServer, href: string, token: string | null, body: BodyInit, contentType?: string, headers: Record<string, string> = {},
): Promise<Response> {
  return server.fetch(href, {
    method: 'PUT',
    headers: {
      Accept: 'application/hal+json',
      ...(token && { Authorization: `Bearer ${token}` }),
      ...(contentType && { 'Content-Type': contentType }),
      ...headers,
    },
    body,
  });
}

/** A multipart/form-data body with one file part. */
export function formWith(field: string, bytes: Uint8Array<ArrayBuffer>, type = 'application/octet-stream'): FormData {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), 'picture.bin');
  return form;
}

export function withToken(token: string | null, headers: Record<string, string> = {}): Record<string, string> {
  return { ...(token && { Authorization: `Bearer ${token}` }), ...headers };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

/**
 * A black RGB PNG of any shape, written by hand (no encoder would make the audit's 1 × 24 000 000 one
 * quickly): every row filter 0 and zeros, deflated — 24 M rows of one pixel are about 90 KiB.
 */
export function blackPng(width: number, height: number): Uint8Array<ArrayBuffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const pixels = zlib.deflateSync(Buffer.alloc((1 + width * 3) * height), { level: 9 });
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return bytesOf(Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]));
}
