import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { blackPng, makeImage, putImage } from '../support/images.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { login } from '../support/tokens.ts';

async function avatarLink(user: TestUser, server: TestServer): Promise<string> {
  const me = await (await user.client.go().follow('me')).get();
  return new URL(me.links.get('edit-media')!.href, server.root).href;
}

/** API.md §7, §10: uploads are decoded within bounds — a side over 10 000 px is refused from the header. */
describe('images: decoded within bounds', () => {
  let server: TestServer;
  let cook: TestUser;
  let editMedia: string;
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    cook = await createUser(server);
    editMedia = await avatarLink(cook, server);
  });
  after(async () => {
    await server?.close();
  });

  for (const [width, height] of [[1, 24_000_000], [10_001, 1], [1, 10_001]]) {
    it(`refuses a ${width} × ${height} PNG (under 25 megapixels, a side over 10 000) with a 422 problem`, async function () {
      this.timeout(60_000);
      const res = await putImage(server, editMedia, cook.accessToken, blackPng(width, height), 'image/png');
      expect(res.status).to.equal(422);
      const problem = await res.json();
      expect(problem.type).to.equal('/problems/image-invalid');
      expect(problem.detail).to.include(`${width}×${height}`).and.include('10 000');
    });
  }

  it('accepts a 10 000 × 100 PNG (a side of exactly 10 000)', async function () {
    this.timeout(60_000);
    const res = await putImage(server, editMedia, cook.accessToken, blackPng(10_000, 100), 'image/png');
    expect(res.status).to.equal(200);
  });
});

/**
 * API.md §10: one account's uploads never hold up another account's upload or login — the audit's
 * shape: four 1 × 24 000 000 PNGs and four large valid images from one account, beside a small upload
 * and a login of another. Asserted by the order of events, not by durations (bench/image-fairness.ts
 * measures those).
 */
describe('images: one account\'s uploads never hold up another\'s upload or login', () => {
  let server: TestServer;
  let heavy: TestUser;
  let light: TestUser;
  before(async () => {
    server = await startTestServer({ env: { RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    heavy = await createUser(server);
    light = await createUser(server);
  });
  after(async () => {
    await server?.close();
  });

  it('answers the other account\'s small upload and login while the first one\'s large images are still being processed', async function () {
    this.timeout(180_000);
    const [heavyMedia, lightMedia] = [await avatarLink(heavy, server), await avatarLink(light, server)];
    const large = await makeImage('png', 5000, 5000);
    const tall = blackPng(1, 24_000_000);
    const small = await makeImage('png', 64, 64);
    const events: string[] = [];
    const upload = (name: string, user: TestUser, href: string, body: Uint8Array<ArrayBuffer>) =>
      putImage(server, href, user.accessToken, body, 'image/png').then(async (res) => {
        await res.arrayBuffer();
        events.push(`${name} ${res.status}`);
        return res.status;
      });
    let firstLarge!: () => void;
    const oneLargeDone = new Promise<void>((resolve) => (firstLarge = resolve));
    const heavyWork = Promise.all([
      ...Array.from({ length: 4 }, (_, i) => upload(`large ${i}`, heavy, heavyMedia, large).finally(() => firstLarge())),
      ...Array.from({ length: 4 }, (_, i) => upload(`tall ${i}`, heavy, heavyMedia, tall)),
    ]);
    // Once one large image is done, the other three are surely queued or running: now the other account comes.
    await oneLargeDone;
    const lightWork = Promise.all([
      upload('small', light, lightMedia, small),
      login(server, light.username, light.password).then((res) => events.push(`login ${res.status}`)),
    ]);
    await Promise.all([heavyWork, lightWork]);
    const talls = events.filter((event) => event.startsWith('tall')).sort();
    expect(talls, 'the tall ones, refused from their header').to.deep.equal(['tall 0 422', 'tall 1 422', 'tall 2 422', 'tall 3 422']);
    const lastLarge = Math.max(...[0, 1, 2, 3].map((i) => events.indexOf(`large ${i} 200`)));
    expect(lastLarge, events.join(', ')).to.be.greaterThan(-1);
    expect(events.indexOf('small 200'), events.join(', ')).to.be.within(0, lastLarge - 1);
    expect(events.indexOf('login 200'), events.join(', ')).to.be.within(0, lastLarge - 1);
  });
});
