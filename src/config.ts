import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import type { S3Settings } from './images/s3-image-store.ts';
import type { MaintenanceSettings } from './maintenance/maintenance-job.ts';
import type { RateLimitSettings } from './rate-limit-policies.ts';

/** Everything API.md §11 lets an operator set, parsed and validated once at start. */
export interface Config {
  env: 'production' | 'development' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicBaseUrl: string | undefined;
  /** Base for links in emails: PUBLIC_BASE_URL or http://localhost:$PORT. */
  mailBaseUrl: string;
  jwtSecret: Uint8Array;
  accessTokenTtl: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  redisUrl: string | undefined;
  /** Images in this S3 bucket (shared by every instance) instead of DATA_DIR/uploads (API.md §11, §12). */
  s3: S3Settings | undefined;
  cachePurgeUrl: string | undefined;
  cacheMaxAge: number;
  /** API.md §13: the operations listener (/metrics, /health, /health/ready) on HOST:METRICS_PORT; undefined: none. */
  metricsPort: number | undefined;
  /** CDN-Cache-Control max-age for the purged cache (API.md §8), seconds. */
  cacheSharedMaxAge: number;
  /** Name of the cache-tag response header (`xkey`, `Surrogate-Key`, `Cache-Tag`). */
  cacheTagHeader: string;
  /** Not an environment variable: when each change's keys are purged once more, ms (default 2 s; 0: never). */
  cachePurgeRepeatMs?: number;
  corsOrigins: string[];
  rateLimitExempt: string[];
  trustProxy: boolean | number | string;
  logLevel: string;
  /** Not environment variables: tests isolate themselves in a schema of their own. */
  databaseSchema?: string;
  /** Connection pool size (default 10; the embedded database always uses 1). */
  databasePoolMax?: number;
  /** Not an environment variable: lower limits for tests (defaults: DEFAULT_RATE_LIMITS, API.md §10). */
  rateLimits?: Partial<RateLimitSettings>;
  /** Not an environment variable: namespace of this deployment's keys in Redis (default `smilecook:`). */
  redisKeyPrefix?: string;
  /**
   * Not an environment variable: how to start this program again to create the embedded database in a
   * child process (set by the server's main; in-process otherwise, as in tests).
   */
  embeddedInitCommand?: string[];
  /** Not an environment variable: the shutdown's grace for kept-alive connections (src/server.ts; tests shorten it). */
  drainGraceMs?: number;
  /** Not environment variables: the maintenance job's timing (tests shorten the grace period). */
  maintenance?: Partial<MaintenanceSettings>;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

type Env = Record<string, string | undefined>;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute URL (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must be an http(s) URL');
  if (url.search || url.hash) throw new ConfigError(name, 'must not have a query or fragment');
  return url.href.replace(/\/+$/, '');
}

function urlWithScheme(env: Env, name: string, schemes: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL (got a value that does not parse)`);
  }
  if (!schemes.includes(url.protocol)) throw new ConfigError(name, `must use ${schemes.join(' or ')}`);
  return raw;
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function origins(env: Env): string[] {
  return list(env, 'CORS_ORIGINS').map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError('CORS_ORIGINS', `has an entry that is not an origin: "${origin}"`);
    }
    if (url.origin !== origin.replace(/\/$/, '')) throw new ConfigError('CORS_ORIGINS', `"${origin}" is not a bare origin`);
    return url.origin;
  });
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false (got "${raw}")`);
}

/** S3_BUCKET and its companions; the SDK's own default chain finds credentials when none are given. */
function s3(env: Env): S3Settings | undefined {
  const bucket = env.S3_BUCKET;
  if (bucket === undefined || bucket === '') return undefined;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('S3_BUCKET', `is not a valid bucket name (got "${bucket}")`);
  const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigError(accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID', 'must be set together with its pair');
  }
  const region = env.S3_REGION || 'us-east-1';
  if (!/^[a-z0-9-]{2,40}$/.test(region)) throw new ConfigError('S3_REGION', `is not a region name (got "${region}")`);
  return {
    bucket, region, accessKeyId, secretAccessKey,
    endpoint: httpUrl(env, 'S3_ENDPOINT'),
    forcePathStyle: boolean(env, 'S3_FORCE_PATH_STYLE', false),
  };
}

function trustProxy(env: Env): boolean | number | string {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((s) => s.trim());
  const named = ['loopback', 'linklocal', 'uniquelocal'];
  for (const entry of entries) {
    const address = entry.split('/')[0] ?? '';
    if (!named.includes(entry) && isIP(address) === 0) throw new ConfigError('TRUST_PROXY', `has an entry that is not an address: "${entry}"`);
  }
  return entries.join(',');
}

/** An HTTP header name of our own choosing (a token), not one the app or HTTP itself already gives a meaning. */
function headerName(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(raw)) throw new ConfigError(name, 'must be a header name (letters, digits and "-")');
  const taken = ['cache-control', 'cdn-cache-control', 'content-type', 'content-length', 'etag', 'vary', 'link', 'location', 'age'];
  if (taken.includes(raw.toLowerCase())) throw new ConfigError(name, `cannot be ${raw}: the API sends that header for its own meaning`);
  return raw;
}

/** A sender: an address, bare or as `Name <address>` (nodemailer's forms); anything else is refused at start, not at every send. */
function mailFrom(env: Env): string {
  const raw = env.MAIL_FROM;
  if (raw === undefined || raw === '') return 'Smilecook <no-reply@localhost>';
  const address = /^[^<>]*<([^<>]+)>$/.exec(raw.trim())?.[1] ?? raw.trim();
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(address)) throw new ConfigError('MAIL_FROM', `must be an email address or "Name <address>" (got "${raw}")`);
  return raw;
}

function jwtSecret(env: Env, production: boolean, dataDir: string): Uint8Array {
  const raw = env.JWT_SECRET;
  if (raw !== undefined && raw !== '') {
    if (Buffer.byteLength(raw) < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 bytes long');
    return new TextEncoder().encode(raw);
  }
  if (production) throw new ConfigError('JWT_SECRET', 'is required in production');
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
  } catch {
    const secret = randomBytes(48).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, secret + '\n', { mode: 0o600 });
    return new TextEncoder().encode(secret);
  }
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const production = nodeEnv === 'production';
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const databaseUrl = urlWithScheme(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (production && !databaseUrl) throw new ConfigError('DATABASE_URL', 'is required in production');
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const publicBaseUrl = httpUrl(env, 'PUBLIC_BASE_URL');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const host = env.HOST || '127.0.0.1';
  const metricsPort = env.METRICS_PORT ? integer(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) throw new ConfigError('METRICS_PORT', `must differ from PORT (${port})`);
  return {
    env: nodeEnv,
    port,
    host,
    databaseUrl,
    dataDir,
    publicBaseUrl,
    mailBaseUrl: publicBaseUrl ?? `http://localhost:${port}`,
    jwtSecret: jwtSecret(env, production, dataDir),
    accessTokenTtl: integer(env, 'ACCESS_TOKEN_TTL', 900, 1, 900),
    smtpUrl: urlWithScheme(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: mailFrom(env),
    redisUrl: urlWithScheme(env, 'REDIS_URL', ['redis:', 'rediss:']),
    s3: s3(env),
    cachePurgeUrl: httpUrl(env, 'CACHE_PURGE_URL'),
    cacheMaxAge: integer(env, 'CACHE_MAX_AGE', 60, 0, 31536000),
    metricsPort,
    cacheSharedMaxAge: integer(env, 'CACHE_SHARED_MAX_AGE', 86400, 0, 31536000),
    cacheTagHeader: headerName(env, 'CACHE_TAG_HEADER', 'xkey'),
    corsOrigins: origins(env),
    rateLimitExempt: list(env, 'RATE_LIMIT_EXEMPT').map((ip) => {
      if (isIP(ip) === 0) throw new ConfigError('RATE_LIMIT_EXEMPT', `has an entry that is not an IP address: "${ip}"`);
      return ip;
    }),
    trustProxy: trustProxy(env),
    logLevel,
  };
}
