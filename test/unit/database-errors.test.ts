import { DriverException } from '@mikro-orm/core';
import { expect } from 'chai';
import { databaseProblem, isRetryableRead } from '../../src/db/database-errors.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const named = (message: string, name: string) => Object.assign(new Error(message), { name });

/**
 * API.md §10: every way node-postgres, knex and MikroORM say "the connection is gone or silent" —
 * mid-transaction too — is a 503 with Retry-After, never a 500; only a cut connection retries a read.
 */
describe('database errors: "connection gone" is 503, wherever it happens', () => {
  const gone: Array<[string, Error, boolean]> = [
    ['knex, a transaction whose connection died', new DriverException(new Error('Transaction query already complete, run with DEBUG=knex:tx for more info')),
      false],
    ['pg, the socket closed under a query', new Error('Connection terminated unexpectedly'), true],
    ['pg, a query on a client ended after a silence', new Error('Client was closed and is not queryable'), false],
    ['pg, a client broken by an earlier error', new Error('Client has encountered a connection error and is not queryable'), true],
    ['pg, no answer within query_timeout', new Error('Query read timeout'), false],
    ['pg, no answer within connectionTimeoutMillis', new Error('timeout expired'), false],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET'), true],
    ['a broken pipe', withCode('write EPIPE', 'EPIPE'), true],
    ['pg_terminate_backend', withCode('terminating connection due to administrator command', '57P01'), true],
    ['MikroORM around pg_terminate_backend', new DriverException(withCode('terminating connection due to administrator command', '57P01')), true],
    ['the pool, no connection in time', named('Knex: Timeout acquiring a connection. The pool is probably full.', 'KnexTimeoutError'), false],
  ];
  for (const [what, error, retried] of gone) {
    it(`${what}: 503 with Retry-After${retried ? ', and a read runs once more' : ', not retried'}`, () => {
      const problem = databaseProblem(error);
      expect(problem?.status).to.equal(503);
      expect(problem?.extra.headers?.['Retry-After']).to.match(/^\d+$/);
      expect(isRetryableRead(error)).to.equal(retried);
    });
  }

  it('leaves a real bug alone (a 500, logged)', () => {
    expect(databaseProblem(new DriverException(withCode('syntax error at or near "selec"', '42601')))).to.equal(undefined);
    expect(databaseProblem(new TypeError('Cannot read properties of undefined'))).to.equal(undefined);
  });
});
