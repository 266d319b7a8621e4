import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'smilecook-config-'));
const base = { DATA_DIR: dataDir };

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration (API.md §11)', () => {
  // The dev secret generated into DATA_DIR must not outlive the test.
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('needs no variable at all in development, with the documented defaults', () => {
    const config = loadConfig(base);
    expect(config).to.include({ port: 3000, host: '127.0.0.1', cacheMaxAge: 60, accessTokenTtl: 900, logLevel: 'info' });
    expect(config.databaseUrl).to.equal(undefined);
    expect(config.mailBaseUrl).to.equal('http://localhost:3000');
    expect(config.mailFrom).to.equal('Smilecook <no-reply@localhost>');
    expect(config.trustProxy).to.equal(false);
    expect(config.jwtSecret.length).to.be.at.least(32);
  });

  it('takes MAIL_FROM as an address, bare or with a name', () => {
    for (const from of ['no-reply@smilecook.example', 'Smilecook <no-reply@smilecook.example>', '"Smilecook, the cooks" <a@b>']) {
      expect(loadConfig({ ...base, MAIL_FROM: from }).mailFrom).to.equal(from);
    }
  });

  it('keeps the generated development secret across starts', () => {
    expect(Buffer.from(loadConfig(base).jwtSecret).toString()).to.equal(Buffer.from(loadConfig(base).jwtSecret).toString());
  });

  it('refuses bad values with a message naming the variable', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ ACCESS_TOKEN_TTL: '901' }, 'ACCESS_TOKEN_TTL'],
      [{ CACHE_MAX_AGE: '-1' }, 'CACHE_MAX_AGE'],
      [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
      [{ PUBLIC_BASE_URL: 'ftp://x.example' }, 'PUBLIC_BASE_URL'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
      [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
      [{ CORS_ORIGINS: 'https://ok.example,not an origin' }, 'CORS_ORIGINS'],
      [{ RATE_LIMIT_EXEMPT: '127.0.0.1,example.com' }, 'RATE_LIMIT_EXEMPT'],
      [{ TRUST_PROXY: 'somewhere' }, 'TRUST_PROXY'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
      [{ MAIL_FROM: 'Smilecook' }, 'MAIL_FROM'],
      [{ MAIL_FROM: 'Smilecook <no-reply>' }, 'MAIL_FROM'],
    ];
    for (const [env, variable] of cases) {
      const error = failure(env);
      expect(error.variable, JSON.stringify(env)).to.equal(variable);
      expect(error.message).to.include(variable);
    }
  });

  it('refuses to start in production without JWT_SECRET or DATABASE_URL', () => {
    expect(failure({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).variable).to.equal('DATABASE_URL');
    expect(failure({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://localhost/x' }).variable).to.equal('JWT_SECRET');
  });

  it('parses lists, TRUST_PROXY forms and PUBLIC_BASE_URL', () => {
    const config = loadConfig({
      ...base, CORS_ORIGINS: 'https://a.example, http://b.example:8080', RATE_LIMIT_EXEMPT: '127.0.0.1,::1',
      TRUST_PROXY: '1', PUBLIC_BASE_URL: 'https://api.example/', PORT: '8080',
    });
    expect(config.corsOrigins).to.deep.equal(['https://a.example', 'http://b.example:8080']);
    expect(config.rateLimitExempt).to.deep.equal(['127.0.0.1', '::1']);
    expect(config.trustProxy).to.equal(1);
    expect(config.publicBaseUrl).to.equal('https://api.example');
    expect(config.mailBaseUrl).to.equal('https://api.example');
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).to.equal('loopback,10.0.0.0/8');
  });
});
