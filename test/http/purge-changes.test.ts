import { expect } from 'chai';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CachePurger } from '../../src/http/cache-purge.ts';
import { purgeChanges, purgeKeys } from '../../src/http/purge-changes.ts';

/** The express seam alone: what it hands the purger, and that the response waits for it. */
describe('purgeChanges middleware', () => {
  const events: string[] = [];
  const purged: string[][] = [];
  /** While a test holds the purge: called when it begins, and the promise that ends it. */
  let hold: { begun(): void; end: Promise<void> } | undefined;
  const purger: CachePurger = {
    async purgeKeys(keys) {
      purged.push([...keys]);
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
    app.use(purgeChanges(purger, { repeatAfterMs: 0 }));
    app.use(express.json());
    app.post('/things', async (_req, res) => {
      await new Promise((resolve) => setImmediate(resolve));
      purgeKeys(['r1', 'p']); // as a route or a domain hook would, without res
      purgeKeys(['p', 'i0123']);
      res.setHeader('Content-Location', 'http://api.example/things/1');
      res.status(201).json({ id: 1 });
    });
    app.delete('/things/1', (_req, res) => {
      purgeKeys(['r1']);
      res.status(204).end();
    });
    app.patch('/drafts/1', (_req, res) => {
      purgeKeys([]);
      res.json({ id: 1 });
    });
    app.post('/invalid', (_req, res) => {
      purgeKeys(['r1']);
      res.status(422).json({ status: 422 });
    });
    app.get('/things/1', (_req, res) => {
      purgeKeys(['r1']);
      res.json({ id: 1 });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    events.length = 0;
    purged.length = 0;
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

  it('hands the purger every key the change named, once each, and answers after it', async () => {
    const post = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' };
    const response = await answeredAfterItsPurge(() => fetch(`${base}/things`, post));
    expect(response.status).to.equal(201);
    expect(await response.json()).to.deep.equal({ id: 1 });
    expect(purged).to.deep.equal([['r1', 'p', 'i0123']]);
    expect(events).to.deep.equal(['purging', 'purged', 'answered']);
  });

  it('purges before a 204 DELETE is answered', async () => {
    const response = await answeredAfterItsPurge(() => fetch(`${base}/things/1`, { method: 'DELETE' }));
    expect(response.status).to.equal(204);
    expect(purged).to.deep.equal([['r1']]);
    expect(events).to.deep.equal(['purging', 'purged', 'answered']);
  });

  it('purges the same keys once more a moment later, without holding the answer', async () => {
    const again = express();
    const repeated: string[][] = [];
    let secondPurge!: () => void;
    const second = new Promise<void>((resolve) => (secondPurge = resolve));
    again.use(purgeChanges({
      async purgeKeys(keys) {
        repeated.push([...keys]);
        if (repeated.length === 2) secondPurge();
      },
    }, { repeatAfterMs: 50 }));
    again.delete('/things/1', (_req, res) => {
      purgeKeys(['r1', 'p']);
      res.status(204).end();
    });
    const other = again.listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(other.address() as AddressInfo).port}/things/1`, { method: 'DELETE' });
      expect([response.status, repeated.length]).to.deep.equal([204, 1]);
      await second;
      expect(repeated).to.deep.equal([['r1', 'p'], ['r1', 'p']]);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('sends nothing for a change that names no key (a draft), a failed change or a safe request; purgeKeys outside a write does nothing', async () => {
    purgeKeys(['nowhere']);
    expect((await fetch(`${base}/drafts/1`, { method: 'PATCH' })).status).to.equal(200);
    expect((await fetch(`${base}/invalid`, { method: 'POST' })).status).to.equal(422);
    expect((await fetch(`${base}/things/1`)).status).to.equal(200);
    expect(purged).to.deep.equal([]);
  });
});
