import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { createUser, type TestUser } from '../support/accounts.ts';
import { startBehindVarnish, type AppBehindVarnish } from '../support/behind-varnish.ts';
import { eventually } from '../support/eventually.ts';
import { makeImage, putImage } from '../support/images.ts';
import '../support/image-stores.ts'; // the SDK's Node-version notice off, as in the other image tests
import { HAL, publishedRecipe, send } from '../support/recipes.ts';
import { freshBucket } from '../support/shared-stores.ts';
import { TcpProxy } from '../support/tcp-proxy.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const run = promisify(execFile);
const PARENT = 'b7ad6b7169203331';
const traceparent = (traceId: string) => `00-${traceId}-${PARENT}-01`;
/** A traceparent this process sent for a trace: the same trace id, its own span as the parent. */
const continuing = (traceId: string) => new RegExp(`^00-${traceId}-(?!${PARENT})[0-9a-f]{16}-01$`);

/** API.md §13: the requests the API sends on a request's behalf carry its trace (`traceparent`). */
describe('trace context: the PURGEs a real Varnish receives carry the change\'s traceparent', () => {
  let setup: AppBehindVarnish;
  let cook: TestUser;
  before(async () => {
    setup = await startBehindVarnish({ purging: true });
    cook = await createUser(setup.public);
  });
  after(async () => {
    await setup?.close();
  });

  it('sends the trace of the write with each invalidation it causes (varnishncsa shows what Varnish received)', async () => {
    const url = await publishedRecipe(cook, { name: 'Purged pie' });
    const traceId = '5e0c1f2a3b4c5d6e7f8091a2b3c4d5e6';
    const edit = await send(setup.public, 'PATCH', url, cook.accessToken, { name: 'Purged pie, again' }, { traceparent: traceparent(traceId) });
    expect(edit.status).to.equal(200);
    expect(edit.headers.get('x-request-id')).to.equal(traceId);
    const invalidations = async () => {
      const { stdout } = await run('varnishncsa', ['-n', setup.varnish.workDir, '-d', '-F', '%m\t%{xkey-purge}i\t%{traceparent}i']);
      return stdout.split('\n').filter(Boolean).map((line) => line.split('\t')).filter(([method]) => method === 'PURGE');
    };
    let sent: string[][] = [];
    await eventually(async () => {
      sent = (await invalidations()).filter(([, , header]) => header?.includes(traceId));
      return sent.length > 0;
    }, 'a PURGE carrying the edit\'s trace reaches Varnish');
    for (const [, keys, header] of sent) {
      expect(keys, 'the purge names cache tags').to.match(/\S/);
      expect(header).to.match(continuing(traceId));
    }
    // Every invalidation Varnish received carries a traceparent, whichever request caused it.
    expect((await invalidations()).filter(([, , header]) => !/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/.test(header ?? ''))).to.deep.equal([]);
  });
});

describe('trace context: requests to the S3 bucket (s3rver) carry the trace of the request they serve', () => {
  let server: TestServer;
  let cook: TestUser;
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  let tap: TcpProxy;
  before(async () => {
    bucket = await freshBucket();
    const endpoint = new URL(bucket.env.S3_ENDPOINT!);
    tap = new TcpProxy(endpoint.hostname, Number(endpoint.port), true);
    await tap.start();
    server = await startTestServer({ env: { ...bucket.env, S3_ENDPOINT: `http://127.0.0.1:${tap.port}`, RATE_LIMIT_EXEMPT: '127.0.0.1' } });
    cook = await createUser(server);
  });
  after(async () => {
    await server?.close();
    await tap?.cut();
    await bucket?.drop();
  });

  /** The traceparent headers of the S3 requests s3rver received with this method (as sent on the wire; a request may follow a body). */
  const s3Requests = (method: string) => [...tap.sent.matchAll(new RegExp(`(?:${method}) (/\\S*) HTTP/1\\.1\\r\\n((?:[^\\r]+\\r\\n)*)`, 'g'))]
    .map((match) => ({ path: match[1]!, traceparent: /^traceparent: (.*)$/im.exec(match[2]!)?.[1] }));

  it('sends the upload\'s trace with the PUT of the image, and an image read\'s with its GET', async () => {
    const recipe = await publishedRecipe(cook, { name: 'Bucket bread' });
    const cover = (await send(server, 'GET', recipe, cook.accessToken)).body._links['edit-media'].href as string;
    const upload = '1a2b3c4d5e6f708192a3b4c5d6e7f801';
    const put = await putImage(server, cover, cook.accessToken, await makeImage('png', 48, 48), 'image/png', { traceparent: traceparent(upload) });
    expect(put.status).to.equal(200);
    const image = (await send(server, 'GET', recipe, null)).body.cover_url as string;
    const name = image.split('/').pop()!;
    expect(s3Requests('PUT').filter((request) => request.path.includes(name)).map((request) => request.traceparent))
      .to.have.length.at.least(1).and.satisfy((headers: string[]) => headers.every((header) => continuing(upload).test(header)));

    const read = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const res = await server.fetch(image, { headers: { Accept: HAL, traceparent: traceparent(read) } });
    expect(res.status).to.equal(200);
    await res.arrayBuffer();
    const gets = s3Requests('GET').filter((request) => request.path.includes(name));
    expect(gets.map((request) => request.traceparent)).to.satisfy((headers: string[]) => headers.some((header) => continuing(read).test(header)));
    // Every request the bucket received carries one.
    expect(s3Requests('GET|PUT|HEAD|DELETE|POST').filter((request) => !request.traceparent)).to.deep.equal([]);
  });
});
