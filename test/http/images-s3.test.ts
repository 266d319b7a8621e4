import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import S3rver from 's3rver';
import { createUser, type TestUser } from '../support/accounts.ts';
import { freePort } from '../support/smtp-inbox.ts';
import { makeImage, putImage, sha256 } from '../support/images.ts';
import '../support/image-stores.ts'; // the SDK's Node-version notice off, as in the other image tests
import { startTestServer, type TestServer } from '../support/test-server.ts';

const HAL = 'application/hal+json';
const BUCKET = 'smilecook-s3-test';

/** Images in an S3 bucket (API.md §11, §12): a real S3-compatible server (s3rver) that the test can stop and start. */
describe('images: the S3 store', () => {
  let server: TestServer;
  let cook: TestUser;
  let s3: S3rver | undefined;
  let port: number;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'smilecook-s3-'));
  const startS3 = async () => {
    s3 = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
    await s3.run();
  };
  const stopS3 = async () => {
    await s3?.close();
    s3 = undefined;
  };

  before(async () => {
    port = await freePort();
    await startS3();
    server = await startTestServer({
      env: {
        S3_BUCKET: BUCKET, S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_REGION: 'eu-west-1',
        S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true',
      },
    });
    cook = await createUser(server);
  });
  after(async () => {
    await server?.close();
    await stopS3();
    rmSync(directory, { recursive: true, force: true });
  });

  const editMedia = async () => (await cook.client.go().follow('me')).refresh().then((me) => me.links.get('edit-media')!.href);

  it('stores uploads in the bucket, writes nothing to DATA_DIR, and streams them back byte for byte', async () => {
    const res = await putImage(server, await editMedia(), cook.accessToken, await makeImage('png', 300, 200), 'image/png');
    expect(res.status).to.equal(200);
    const href = (await res.json())._links.avatar.href as string;
    const name = path.posix.basename(href);
    expect(readdirSync(server.config.dataDir)).to.not.include('uploads');
    expect(existsSync(path.join(directory, BUCKET))).to.equal(true);

    const image = await server.fetch(href);
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect(image.status).to.equal(200);
    expect(`${sha256(bytes)}.webp`).to.equal(name);
    expect(image.headers.get('content-length')).to.equal(String(bytes.length));
    expect(image.headers.get('content-type')).to.equal('image/webp');
    expect(image.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');

    const head = await server.fetch(href, { method: 'HEAD' });
    expect(head.status).to.equal(200);
    expect(head.headers.get('content-length')).to.equal(String(bytes.length));
    expect(await head.text()).to.equal('');
  });

  it('is not ready while the bucket is unreachable, and ready again once it is back', async function () {
    this.timeout(30_000);
    const ready = await server.fetch('/health/ready');
    expect(ready.status).to.equal(200);
    expect(await ready.json()).to.include({ database: 'up', storage: 'up' });
    await stopS3();
    const down = await server.fetch('/health/ready');
    expect(down.status).to.equal(503);
    expect((await down.json()).detail).to.match(/storage/);
    const root = await server.fetch('/', { headers: { Accept: HAL } });
    expect(root.status, 'everything that needs no image still answers').to.equal(200);
    await startS3();
    expect((await server.fetch('/health/ready')).status).to.equal(200);
  });
});
