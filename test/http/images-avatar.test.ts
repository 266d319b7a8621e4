import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { makeImage, putImage, withToken } from '../support/images.ts';
import { IMAGE_STORES, testImageStore, type TestImageStore } from '../support/image-stores.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';
const IMMUTABLE_PUBLIC = 'public, max-age=31536000, immutable';

/** Avatars: edit-media on the user, who may change it, and how the image is served (API.md §4, §7). */
for (const kind of IMAGE_STORES) describe(`images: avatars (${kind})`, () => {
  let store: TestImageStore;
  let server: TestServer;
  let cook: TestUser;
  let other: TestUser;
  let editMedia: string;
  let userUrl: string;

  const meOf = async (user: TestUser) => (await user.client.go().follow('me')).refresh();
  const viewAs = async (token: string | null) => {
    const res = await server.fetch(userUrl, { headers: withToken(token, { Accept: HAL }) });
    expect(res.status).to.equal(200);
    return res.json();
  };

  before(async () => {
    store = await testImageStore(kind);
    server = await startTestServer({ env: store.env });
    cook = await createUser(server);
    other = await createUser(server);
    const me = await meOf(cook);
    editMedia = me.links.get('edit-media')!.href;
    userUrl = me.links.get('self')!.href;
  });
  after(async () => {
    await server?.close();
    await store?.drop();
  });

  it('offers edit-media only to the user themself; no avatar link and avatar_url null while none is set', async () => {
    const own = await viewAs(cook.accessToken);
    expect(own._links['edit-media'].href).to.equal(editMedia);
    expect(own.avatar_url).to.equal(null);
    expect(own._links.avatar).to.equal(undefined);
    for (const token of [null, other.accessToken]) {
      const seen = await viewAs(token);
      expect(seen._links['edit-media']).to.equal(undefined);
      expect(seen.avatar_url).to.equal(null);
    }
  });

  it('answers an anonymous PUT with 401, another user with 403, and changes nothing', async () => {
    const png = await makeImage('png', 64, 64);
    const anonymous = await putImage(server, editMedia, null, png, 'image/png');
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get('www-authenticate')).to.match(/^Bearer/);
    const stranger = await putImage(server, editMedia, other.accessToken, png, 'image/png');
    expect(stranger.status).to.equal(403);
    expect(stranger.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const strangerDelete = await server.fetch(editMedia, { method: 'DELETE', headers: withToken(other.accessToken) });
    expect(strangerDelete.status).to.equal(403);
    expect((await viewAs(null)).avatar_url).to.equal(null);
  });

  it('answers 404 for the avatar of a user that does not exist', async () => {
    // Nobody links to a missing user's avatar: expand the root's `user` template, then edit-media's last segment.
    const root = await cook.client.go().get();
    const missingUser = root.links.get('user')!.href.replace('{username}', 'no_such_cook');
    const res = await putImage(server, `${missingUser}/${editMedia.split('/').pop()}`, cook.accessToken, await makeImage('png', 8, 8), 'image/png');
    expect(res.status).to.equal(404);
  });

  it('sets the avatar: 200 with the new representation, Content-Location, avatar link and avatar_url', async () => {
    const res = await putImage(server, editMedia, cook.accessToken, await makeImage('jpeg', 500, 400), 'image/jpeg');
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-location')).to.equal(userUrl);
    expect(res.headers.get('cache-control')).to.match(/^private/);
    const meUrl = (await cook.client.go().get()).links.get('me')!.href;
    expect(res.headers.get('link')).to.include(`<${meUrl}>; rel="invalidates"`);
    const body = await res.json();
    expect(body._links.self.href).to.equal(userUrl);
    expect(body._links.avatar.href).to.match(/^\/images\/[0-9a-f]{64}\.webp$/);
    expect(body.avatar_url).to.equal(body._links.avatar.href);
    for (const token of [null, other.accessToken]) {
      const seen = await viewAs(token);
      expect(seen._links.avatar.href).to.equal(body.avatar_url);
      expect(seen.avatar_url).to.equal(body.avatar_url);
      expect(seen._links['edit-media']).to.equal(undefined);
    }
  });

  it('serves the avatar immutable and public (also to requests with Authorization), with nosniff and a strong ETag', async () => {
    const avatar = (await viewAs(null))._links.avatar.href as string;
    for (const token of [null, cook.accessToken, other.accessToken]) {
      const res = await server.fetch(avatar, { headers: withToken(token) });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('image/webp');
      expect(res.headers.get('cache-control')).to.equal(IMMUTABLE_PUBLIC);
      expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(res.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
      expect(res.headers.get('etag')).to.match(/^"[^"]+"$/);
      expect(Number(res.headers.get('content-length'))).to.equal((await res.arrayBuffer()).byteLength);
    }
    const first = await server.fetch(avatar);
    const etag = first.headers.get('etag')!;
    const again = await server.fetch(avatar, { headers: { 'If-None-Match': etag } });
    expect(again.status).to.equal(304);
    expect(again.headers.get('etag')).to.equal(etag);
    expect(again.headers.get('cache-control')).to.equal(IMMUTABLE_PUBLIC);
    const head = await server.fetch(avatar, { method: 'HEAD' });
    expect(head.status).to.equal(200);
    expect(await head.text()).to.equal('');
  });

  it('answers 404 for image names that do not exist or are not image names at all', async () => {
    const avatar = (await viewAs(null))._links.avatar.href as string;
    const unknown = avatar.replace(/[0-9a-f]{64}/, '0'.repeat(64));
    for (const href of [unknown, avatar.replace('.webp', '.png'), `${avatar}x`, avatar.replace(/[^/]+$/, '..%2F..%2Fpackage.json'), `${avatar}%00`]) {
      const res = await server.fetch(href);
      expect(res.status, href).to.equal(404);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    }
  });

  it('honours If-Match: a stale ETag is 412 and changes nothing, the current one succeeds', async () => {
    const before = await server.fetch(userUrl, { headers: withToken(cook.accessToken, { Accept: HAL }) });
    const etag = before.headers.get('etag')!;
    const current = (await before.json()).avatar_url;
    const stale = await putImage(server, editMedia, cook.accessToken, await makeImage('png', 90, 90, '#123456'), 'image/png', { 'If-Match': '"stale"' });
    expect(stale.status).to.equal(412);
    const staleDelete = await server.fetch(editMedia, { method: 'DELETE', headers: withToken(cook.accessToken, { 'If-Match': '"stale"' }) });
    expect(staleDelete.status).to.equal(412);
    expect((await viewAs(null)).avatar_url).to.equal(current);
    const matching = await putImage(server, editMedia, cook.accessToken, await makeImage('png', 90, 90, '#123456'), 'image/png', { 'If-Match': etag });
    expect(matching.status).to.equal(200);
    const changed = (await matching.json()).avatar_url;
    expect(changed).to.not.equal(current);
    expect((await server.fetch(current)).status, 'the replaced avatar is no longer served').to.equal(404);
  });

  it('removes the avatar with DELETE: 200, avatar_url null, no avatar link, the file no longer served', async () => {
    const avatar = (await viewAs(null)).avatar_url as string;
    const res = await server.fetch(editMedia, { method: 'DELETE', headers: withToken(cook.accessToken, { Accept: HAL }) });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-location')).to.equal(userUrl);
    const body = await res.json();
    expect(body.avatar_url).to.equal(null);
    expect(body._links.avatar).to.equal(undefined);
    expect(body._links['edit-media'].href).to.equal(editMedia);
    expect((await server.fetch(avatar)).status).to.equal(404);
    const again = await server.fetch(editMedia, { method: 'DELETE', headers: withToken(cook.accessToken) });
    expect(again.status).to.equal(200);
  });

  it('shares one file between users with the same picture; removing one avatar keeps the other served', async () => {
    const picture = await makeImage('webp', 120, 120, '#abcdef');
    const mine = await (await putImage(server, editMedia, cook.accessToken, picture, 'image/webp')).json();
    const otherEdit = (await meOf(other)).links.get('edit-media')!.href;
    const theirs = await (await putImage(server, otherEdit, other.accessToken, picture, 'image/webp')).json();
    expect(theirs.avatar_url).to.equal(mine.avatar_url);
    await server.fetch(editMedia, { method: 'DELETE', headers: withToken(cook.accessToken) });
    expect((await server.fetch(theirs.avatar_url)).status).to.equal(200);
  });

  it('answers other methods on edit-media with 405 and Allow', async () => {
    const res = await server.fetch(editMedia, { method: 'POST', headers: withToken(cook.accessToken) });
    expect(res.status).to.equal(405);
    expect(res.headers.get('allow')).to.equal('GET, PUT, DELETE, HEAD, OPTIONS');
  });
});
