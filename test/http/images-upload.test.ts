import path from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { createUser, type TestUser } from '../support/accounts.ts';
import { bytesOf, formWith, imageInfo, makeImage, putImage, sha256 } from '../support/images.ts';
import { IMAGE_STORES, testImageStore, type TestImageStore } from '../support/image-stores.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const MiB = 1024 * 1024;

/** Uploads: what is accepted (judged by content), how it is re-encoded, and every refusal (API.md §7). */
for (const kind of IMAGE_STORES) describe(`images: upload processing and limits (${kind})`, () => {
  let store: TestImageStore;
  let server: TestServer;
  let cook: TestUser;
  let editMedia: string;

  const me = async () => (await (await cook.client.go().follow('me')).refresh());
  const put = (body: BodyInit, type?: string) => putImage(server, editMedia, cook.accessToken, body, type);

  async function expectProblem(res: Response, status: number, type: string) {
    expect(res.status).to.equal(status);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const body = await res.json();
    expect(body).to.include({ status, type });
    return body as { detail: string; errors?: Array<{ pointer: string }> };
  }

  /** Puts an image, checks the 200 answer, and returns the served file's bytes and URL. */
  async function upload(body: BodyInit, type?: string) {
    const res = await put(body, type);
    expect(res.status, await res.clone().text()).to.equal(200);
    const user = await res.json();
    const href: string = user._links.avatar.href;
    expect(user.avatar_url).to.equal(href);
    const image = await server.fetch(href);
    expect(image.status).to.equal(200);
    return { href, bytes: new Uint8Array(await image.arrayBuffer()) };
  }

  before(async () => {
    store = await testImageStore(kind);
    server = await startTestServer({ env: store.env });
    cook = await createUser(server);
    editMedia = (await me()).links.get('edit-media')!.href;
  });
  after(async () => {
    await server?.close();
    await store?.drop();
  });

  for (const format of ['jpeg', 'png', 'webp'] as const) {
    it(`accepts a ${format.toUpperCase()} and serves it re-encoded as WebP under a content-addressed name`, async () => {
      const { href, bytes } = await upload(await makeImage(format, 640, 480), `image/${format}`);
      const name = path.posix.basename(href);
      expect(name).to.match(/^[0-9a-f]{64}\.webp$/);
      expect(name).to.equal(`${sha256(bytes)}.webp`);
      expect((await imageInfo(bytes)).format).to.equal('webp');
      expect(await store.has(server, name)).to.equal(true);
    });
  }

  it('judges by content: a PNG sent as image/jpeg is accepted', async () => {
    const { bytes } = await upload(await makeImage('png', 300, 300, '#16a085'), 'image/jpeg');
    expect((await imageInfo(bytes)).format).to.equal('webp');
  });

  it('strips metadata (EXIF, XMP, ICC) and never keeps the client\'s bytes', async () => {
    const original = bytesOf(await sharp(await makeImage('png', 400, 300, '#8e44ad'))
      .withExif({ IFD0: { Copyright: 'Secret Owner', ImageDescription: 'hidden-location-42' } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .png().toBuffer());
    const input = await imageInfo(original);
    expect(input.exif, 'the test image carries EXIF').to.not.equal(undefined);
    const { bytes } = await upload(original, 'image/png');
    const output = await imageInfo(bytes);
    expect(output.exif).to.equal(undefined);
    expect(output.xmp).to.equal(undefined);
    expect(output.icc).to.equal(undefined);
    expect(Buffer.from(bytes).includes('hidden-location-42')).to.equal(false);
    expect(sha256(bytes)).to.not.equal(sha256(original));
  });

  it('rotates per EXIF orientation and resizes avatars to at most 256×256', async () => {
    const sideways = bytesOf(await sharp(await makeImage('jpeg', 200, 100)).withMetadata({ orientation: 6 }).jpeg().toBuffer());
    expect((await imageInfo(sideways)).orientation).to.equal(6);
    const upright = await imageInfo((await upload(sideways, 'image/jpeg')).bytes);
    expect([upright.width, upright.height]).to.deep.equal([100, 200]);
    expect(upright.orientation).to.equal(undefined);

    const large = await imageInfo((await upload(await makeImage('jpeg', 1600, 900), 'image/jpeg')).bytes);
    expect([large.width, large.height]).to.deep.equal([256, 256]);
  });

  it('accepts multipart/form-data with exactly one part named "file" (its declared type does not matter)', async () => {
    const { bytes } = await upload(formWith('file', await makeImage('png', 320, 200, '#d35400')));
    expect((await imageInfo(bytes)).format).to.equal('webp');
  });

  it('answers a multipart body without the "file" part, or with more parts, with 422 and changes nothing', async () => {
    const before = (await me()).data as { avatar_url: string | null };
    const png = await makeImage('png', 50, 50, '#27ae60');
    const wrongName = await expectProblem(await put(formWith('image', png)), 422, '/problems/validation-failed');
    expect(wrongName.errors?.[0]?.pointer).to.equal('/file');
    const two = formWith('file', png);
    two.append('file', new Blob([png]), 'second.png');
    await expectProblem(await put(two), 422, '/problems/validation-failed');
    const extraField = formWith('file', png);
    extraField.append('caption', 'hello');
    await expectProblem(await put(extraField), 422, '/problems/validation-failed');
    expect(((await me()).data as { avatar_url: string | null }).avatar_url).to.equal(before.avatar_url);
  });

  it('answers bytes that are no JPEG, PNG or WebP with 415 (whatever the Content-Type says)', async () => {
    const random = new Uint8Array(4096).map(() => Math.floor(Math.random() * 256));
    await expectProblem(await put(random, 'image/png'), 415, '/problems/unsupported-media-type');
    const gif = bytesOf(await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } }).gif().toBuffer());
    await expectProblem(await put(gif, 'image/png'), 415, '/problems/unsupported-media-type');
    await expectProblem(await put(formWith('file', random, 'image/png')), 415, '/problems/unsupported-media-type');
  });

  it('answers a Content-Type that is neither an image type nor multipart with 415', async () => {
    const png = await makeImage('png', 40, 40);
    await expectProblem(await put(png, 'text/plain'), 415, '/problems/unsupported-media-type');
    await expectProblem(await put(png, 'image/gif'), 415, '/problems/unsupported-media-type');
    await expectProblem(await put(png), 415, '/problems/unsupported-media-type');
  });

  it('answers 5 MiB + 1 byte with 413, by Content-Length, chunked, and as a multipart file', async () => {
    const oversized = new Uint8Array(5 * MiB + 1);
    await expectProblem(await put(oversized, 'image/png'), 413, '/problems/payload-too-large');
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i += 1) controller.enqueue(new Uint8Array(MiB));
        controller.enqueue(new Uint8Array(1));
        controller.close();
      },
    });
    const res = await server.fetch(editMedia, {
      method: 'PUT', headers: { Authorization: `Bearer ${cook.accessToken}`, 'Content-Type': 'image/png' }, body: chunked, duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, '/problems/payload-too-large');
    await expectProblem(await put(formWith('file', oversized)), 413, '/problems/payload-too-large');
  });

  it('accepts a body of exactly 5 MiB', async () => {
    const png = await makeImage('png', 64, 64);
    const padded = new Uint8Array(5 * MiB);
    padded.set(png); // a valid PNG followed by padding: the decoder reads the image and ignores the tail
    const res = await put(padded, 'image/png');
    expect(res.status).to.equal(200);
  });

  it('answers over 25 megapixels with 422, before decoding (a small compressed 6000×5000 PNG)', async () => {
    const huge = bytesOf(await sharp({ create: { width: 6000, height: 5000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 }).toBuffer());
    expect(huge.length).to.be.below(5 * MiB);
    const problem = await expectProblem(await put(huge, 'image/png'), 422, '/problems/image-invalid');
    expect(problem.detail).to.match(/megapixels/);
  });

  it('answers a truncated image with 422', async () => {
    const jpeg = await makeImage('jpeg', 800, 600);
    await expectProblem(await put(jpeg.subarray(0, jpeg.length / 2), 'image/jpeg'), 422, '/problems/image-invalid');
  });

  it('refuses compressed uploads (no inflating of bodies) with 415', async () => {
    const res = await putImage(server, editMedia, cook.accessToken, await makeImage('png', 30, 30), 'image/png', { 'Content-Encoding': 'gzip' });
    await expectProblem(res, 415, '/problems/unsupported-media-type');
  });
});
