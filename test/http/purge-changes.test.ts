import { expect } from 'chai';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CachePurger } from '../../src/http/cache-purge.ts';
import { addLink } from '../../src/http/link-header.ts';
import { purgeAlso, purgeChanges } from '../../src/http/purge-changes.ts';

/** The express seam alone: what it hands the purger, and that the response waits for it. */
describe('purgeChanges middleware', () => {
  const events: string[] = [];
  const changes: { purge: string[]; ban: string[] }[] = [];
  /** While a test holds the purge: called when it begins, and the promise that ends it. */
  let hold: { begun(): void; end: Promise<void> } | undefined;
  const purger: CachePurger = {
    purge: async () => {},
    ban: async () => {},
    async invalidate(change) {
      changes.push(change);
      events.push('purging');
      hold?.begun();
      await hold?.end;
      events.push('purged');
    },
  };
  let server: Server;
  let base: string;

  before(async () => {
    const app = express();
    app.use(purgeChanges(purger));
    app.use(express.json());
    app.post('/things', async (_req, res) => {
      await new Promise((resolve) => setImmediate(resolve));
      purgeAlso({ purge: ['http://api.example/images/x.webp'], ban: ['/extra'] }); // as a domain hook would, without res
      res.setHeader('Content-Location', 'http://api.example/things/1');
      res.setHeader('Location', 'http://api.example/things/1');
      addLink(res, 'http://api.example/schemas/thing', 'profile');
      addLink(res, 'http://api.example/things', 'invalidates');
      addLink(res, 'http://api.example/users/a.b/things', 'invalidates');
      res.status(201).json({ id: 1 });
    });
    app.delete('/things/1', (_req, res) => {
      res.status(204).end();
    });
    app.post('/invalid', (_req, res) => {
      res.status(422).json({ status: 422 });
    });
    app.get('/things/1', (_req, res) => {
      res.json({ id: 1 });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    events.length = 0;
    changes.length = 0;
  });

  /**
   * Sends `request` and holds its purge until the server has answered a whole other request: an
   * answer that did not wait for its purge would be in by then, before 'purged'.
   */
  async function answeredAfterItsPurge(request: () => Promise<Response>): Promise<Response> {
    let endPurge!: () => void;
    const begun = new Promise<void>((resolve) => {
      hold = { begun: resolve, end: new Promise<void>((end) => (endPurge = end)) };
    });
    const answer = request().then((response) => {
      events.push('answered');
      return response;
    });
    try {
      await begun;
      await (await fetch(`${base}/things/1`)).arrayBuffer();
    } finally {
      endPurge();
      hold = undefined;
    }
    return answer;
  }

  it('hands the purger the request path, Content-Location, Location, rel="invalidates" lists and what purgeAlso noted; answers after it', async () => {
    const post = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' };
    const response = await answeredAfterItsPurge(() => fetch(`${base}/things`, post));
    expect(response.status).to.equal(201);
    expect(await response.json()).to.deep.equal({ id: 1 });
    expect(changes).to.deep.equal([{
      purge: ['/things', 'http://api.example/things/1', 'http://api.example/things/1', 'http://api.example/images/x.webp'],
      ban: ['http://api.example/things', 'http://api.example/users/a.b/things', '/extra'],
    }]);
    expect(events).to.deep.equal(['purging', 'purged', 'answered']);
  });

  it('purges the target of a 204 DELETE before answering', async () => {
    const response = await answeredAfterItsPurge(() => fetch(`${base}/things/1`, { method: 'DELETE' }));
    expect(response.status).to.equal(204);
    expect(changes).to.deep.equal([{ purge: ['/things/1'], ban: [] }]);
    expect(events).to.deep.equal(['purging', 'purged', 'answered']);
  });

  it('does not purge for a failed change or a safe request; purgeAlso outside a write does nothing', async () => {
    purgeAlso({ purge: ['/nowhere'] });
    expect((await fetch(`${base}/invalid`, { method: 'POST' })).status).to.equal(422);
    expect((await fetch(`${base}/things/1`)).status).to.equal(200);
    expect(changes).to.deep.equal([]);
  });
});
