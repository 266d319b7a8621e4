/**
 * The baseline's ETags, each in one small function so that it can follow the API when the API's
 * change (src/http/etag.ts strongEtag, src/http/representation.ts etagOf, the resources' etagSeed()).
 */
import { createHash } from 'node:crypto';

/** src/http/etag.ts strongEtag(): SHA-256 over the media type, a NUL and the bytes (or the seed). */
function strong(mediaType: string, text: string): string {
  return `"${createHash('sha256').update(mediaType).update('\0').update(text).digest('base64url').slice(0, 32)}"`;
}

/** RecipeCollectionResource's RENDERING constant (bumped by the API when collections render differently). */
const COLLECTION_RENDERING = 2;

/**
 * A collection's ETag, known before any page query: RecipeCollectionResource.etagSeed()
 * `${RENDERING}|${revision}|${caller id or '-'}|${self}`, hashed as `seed:…`.
 */
export function collectionEtag(mediaType: string, revision: string, callerId: number | null, self: string): string {
  return strong(mediaType, `seed:${COLLECTION_RENDERING}|${revision}|${callerId ?? '-'}|${self}`);
}

/**
 * One recipe's ETag. Today RecipeResource has no seed, so it is the hash of the body (the API renders
 * even to answer a 304). Issue 11 gives items a seed (rendering version | entity version | caller view):
 * then this becomes strong(mediaType, `seed:…`) and `body` is no longer called.
 */
export function itemEtag(mediaType: string, _row: { id: number }, _callerId: number | null, body: () => string): string {
  return strong(mediaType, body());
}
