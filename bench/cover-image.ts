/**
 * A cover for the image-through-Varnish row, uploaded the way a client would: log in, follow `me` →
 * the user's `recipes` → a published recipe → its `edit-media` link, PUT an image there; the answer's
 * `cover` link is the public image URL. `remove()` DELETEs it again, leaving the seed as it was.
 */
import sharp from 'sharp';
import { ACCEPT_FORMS } from './discovery.ts';
import { HAL, fetchHal, link, resolve, type HalBody } from './hypermedia.ts';

/** A photo-like 1200×900 picture (smooth colour noise), so that its WebP has a realistic size. */
async function picture(): Promise<Buffer> {
  const [w, h] = [120, 90];
  const raw = Buffer.alloc(w * h * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(128 + 100 * Math.sin(i / 97) + Math.random() * 27);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).resize(1200, 900, { kernel: 'cubic' }).png().toBuffer();
}

export interface Cover { url: string; bytes: number; remove(): Promise<void> }

export async function uploadCover(base: string, token: string): Promise<Cover> {
  const headers = { Accept: ACCEPT_FORMS, Authorization: `Bearer ${token}` };
  const follow = async (body: HalBody | null, rel: string, from: string) => {
    const target = link(body, rel);
    if (!target) throw new Error(`no "${rel}" link at ${from}`);
    const url = resolve(target.href, from);
    const fetched = await fetchHal(url, { headers });
    if (fetched.status !== 200) throw new Error(`${url} answered ${fetched.status}`);
    return fetched;
  };
  const root = await fetchHal(`${base}/`, { headers });
  const me = await follow(root.body, 'me', `${base}/`);
  const recipes = await follow(me.body, 'recipes', me.url);
  const items = (recipes.body?._embedded?.item ?? []) as HalBody[];
  const published = items.find((item) => item.is_publish === true);
  if (!published) throw new Error(`${recipes.url} lists no published recipe of the bench user`);
  const recipe = await follow(published, 'self', recipes.url);
  const media = link(recipe.body, 'edit-media');
  if (!media) throw new Error(`${recipe.url} offers no edit-media link to its owner`);
  const mediaUrl = resolve(media.href, recipe.url);
  const put = await fetchHal(mediaUrl, { method: 'PUT', headers: { ...headers, 'Content-Type': 'image/png' }, body: new Uint8Array(await picture()) });
  const cover = link(put.body, 'cover');
  if (put.status !== 200 || !cover) throw new Error(`PUT ${mediaUrl} answered ${put.status}`);
  const url = resolve(cover.href, mediaUrl);
  const image = await fetch(url, { headers: { Accept: 'image/webp,*/*' } });
  const bytes = (await image.arrayBuffer()).byteLength;
  if (image.status !== 200 || !image.headers.get('Cache-Control')?.startsWith('public')) {
    throw new Error(`${url} answered ${image.status} (${image.headers.get('Cache-Control')}): not a public image`);
  }
  return {
    url, bytes,
    async remove() {
      await fetchHal(mediaUrl, { method: 'DELETE', headers: { ...headers, Accept: HAL } });
    },
  };
}
