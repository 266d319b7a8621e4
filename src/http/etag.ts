import { createHash } from 'node:crypto';

/** A strong ETag over the exact bytes and media type of a representation. */
export function strongEtag(mediaType: string, body: string | Buffer): string {
  return `"${createHash('sha256').update(mediaType).update('\0').update(body).digest('base64url').slice(0, 32)}"`;
}

function tags(header: string): string[] {
  return header.split(',').map((tag) => tag.trim()).filter(Boolean);
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.replace(/^W\//, '');
  return tags(header).some((tag) => tag === '*' || bare(tag) === bare(etag));
}

/** If-Match uses the strong comparison: a weak tag never matches. */
export function ifMatch(header: string | undefined, current: string[]): boolean {
  if (header === undefined) return true;
  return tags(header).some((tag) => (tag === '*' && current.length > 0) || current.includes(tag));
}
