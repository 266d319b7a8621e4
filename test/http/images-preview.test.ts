import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { imageInfo, makeImage, putImage, withToken } from '../support/images.ts';
import { createRecipe, send, view } from '../support/recipes.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('images: a cover\'s preview, small enough for a list (API.md §7)', function () {
  this.timeout(30_000);
  let server: TestServer;
  let alice: TestUser;
  let recipe: string;
  before(async () => {
    server = await startTestServer();
    alice = await createUser(server);
    recipe = await createRecipe(alice, { name: 'Big picture pie' });
    const editMedia = (await view(server, recipe, alice.accessToken)).body._links['edit-media']!.href;
    expect((await putImage(server, editMedia, alice.accessToken, await makeImage('jpeg', 1600, 1000), 'image/jpeg')).status).to.equal(200);
  });
  after(async () => server?.close());

  const links = async (token: string | null) => (await view(server, recipe, token)).body._links as Record<string, { href: string } | undefined>;
  const get = (href: string, token: string | null, method = 'GET') => server.fetch(href, { method, headers: withToken(token) });

  it('links a 160 × 160 WebP preview beside the cover, served like the cover: content-addressed, immutable, private while a draft', async () => {
    const { cover, preview } = await links(alice.accessToken);
    expect(preview?.href).to.be.a('string').and.not.equal(cover!.href);
    expect((await get(preview!.href, null)).status, 'a draft\'s preview is nobody else\'s').to.equal(404);
    const own = await get(preview!.href, alice.accessToken);
    expect(own.status).to.equal(200);
    expect(own.headers.get('content-type')).to.equal('image/webp');
    expect(own.headers.get('cache-control')).to.match(/^private, .*max-age=31536000.*immutable/);
    const bytes = new Uint8Array(await own.arrayBuffer());
    expect(await imageInfo(bytes)).to.include({ width: 160, height: 160, format: 'webp' });
    const full = await get(cover!.href, alice.accessToken);
    const fullBytes = new Uint8Array(await full.arrayBuffer());
    expect(bytes.length * 4, 'a fraction of the cover').to.be.lessThan(fullBytes.length);
    expect(own.headers.get('etag')).to.not.equal(full.headers.get('etag'));
    const again = await server.fetch(preview!.href, { headers: withToken(alice.accessToken, { 'If-None-Match': own.headers.get('etag')! }) });
    expect(again.status).to.equal(304);
  });

  it('is public once the recipe is, and answers HEAD with its size', async () => {
    const body = (await view(server, recipe, alice.accessToken)).body as unknown as { _templates: Record<string, { method: string; target: string }> };
    const publish = body._templates.publish!;
    expect((await send(server, publish.method, publish.target, alice.accessToken, {})).status).to.equal(200);
    const { preview } = await links(null);
    const head = await get(preview!.href, null, 'HEAD');
    expect(head.status).to.equal(200);
    expect(head.headers.get('cache-control')).to.match(/^public, .*max-age=31536000.*immutable/);
    expect(Number(head.headers.get('content-length'))).to.be.greaterThan(0);
  });

  it('has no preview link without a cover, and no preview of an unknown image', async () => {
    const bare = await createRecipe(alice, { name: 'Plain' });
    expect((await view(server, bare, alice.accessToken)).body._links).to.not.have.property('preview');
    expect((await get(`${new URL(((await links(null)).preview!.href), server.url).pathname.replace(/[0-9a-f]{64}/, '0'.repeat(64))}`, null)).status).to.equal(404);
  });
});
