/**
 * The baseline's ETags, each in one small function so that it can follow the API when the API's
 * change (src/http/etag.ts strongEtag, src/http/representation.ts etagOf, the resources' etagSeed()).
 */
import { createHash } from 'node:crypto';

/** src/http/etag.ts strongEtag(): SHA-256 over the media type, a NUL and the bytes (or the seed). */
function strong(mediaType: string, text: string): string {
  return `"${createHash('sha256').update(mediaType).update('\0').update(text).digest('base64url').slice(0, 32)}"`;
}

/** The resources' RENDERING constants (bumped by the API when they render differently). */
const COLLECTION_RENDERING = 4;
const RECIPE_RENDERING = 3;
/** Resource.etagSeed() prefixes the public base of the links: the bench runs the API without PUBLIC_BASE_URL. */
const BASE = '';

type ItemRow = { id: number; version: number; user_id: number };
const itemSeed = (row: ItemRow, callerId: number | null) =>
  `${BASE}|recipe|${RECIPE_RENDERING}|${row.id}|${row.version}|${row.user_id === callerId ? 'owner' : 'reader'}`;

/**
 * A collection's ETag, from what the page shows: RecipeCollectionResource's seed
 * `recipes|RENDERING|caller id or '-'|self|total|each item's seed`, hashed as `seed:…`.
 */
export function collectionEtag(mediaType: string, callerId: number | null, self: string, total: number, rows: ItemRow[]): string {
  const items = rows.map((row) => itemSeed(row, callerId)).join(',');
  return strong(mediaType, `seed:${BASE}|recipes|${COLLECTION_RENDERING}|${callerId ?? '-'}|${self}|${total}|${items}`);
}

/** One recipe's ETag, from RecipeResource's seed `recipe|RENDERING|id|version|owner or reader`: nothing rendered. */
export function itemEtag(mediaType: string, row: ItemRow, callerId: number | null): string {
  return strong(mediaType, `seed:${itemSeed(row, callerId)}`);
}
