import { createHash } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import { activationAffordances } from '../resources/activation.affordances.ts';
import { documentAffordances } from '../resources/document.affordances.ts';
import { tokenAffordances } from '../resources/token.affordances.ts';
import { userAffordances } from '../resources/user.affordances.ts';
import { clientKey, normalizeIp } from './http/client-address.ts';
import { rateLimit, type LimiterFactory, type Quota, type RateLimitPolicy } from './http/rate-limiter.ts';

/** The limits of API.md §10 (defaults below); tests may lower them through Config.rateLimits. */
export interface RateLimitSettings {
  /** Every request of one client. */
  perClient: Quota;
  /** Failed logins (401) of one client, whichever accounts they name. */
  loginFailuresPerClient: Quota;
  /** Failed logins naming one account: then every attempt on it, right password included, is refused. */
  loginFailuresPerAccount: Quota;
  registrationsPerClient: Quota;
  resendsPerClient: Quota;
  /** Activation mails asked for one address. */
  resendsPerAddress: Quota;
  /** Registrations answered 202 for one address (each sends it an activation mail or an "already registered" notice). */
  registrationsPerAddress: Quota;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  perClient: { limit: 600, windowSeconds: 60 },
  loginFailuresPerClient: { limit: 100, windowSeconds: 15 * 60 },
  loginFailuresPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  registrationsPerClient: { limit: 20, windowSeconds: 3600 },
  resendsPerClient: { limit: 10, windowSeconds: 3600 },
  resendsPerAddress: { limit: 5, windowSeconds: 3600 },
  registrationsPerAddress: { limit: 5, windowSeconds: 3600 },
};

export interface RateLimits {
  /** Mounted first: every request of a client, before its body is read. */
  perClient: RequestHandler;
  /** Mounted after body parsing: the limits of login, registration and resend-activation. */
  routes: Router;
}

const byClient = (req: Request) => clientKey(req.ip);

const hashed = (value: string) => createHash('sha256').update(value.toLowerCase()).digest('base64url');

function bodyField(req: Request, field: string): string | undefined {
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' ? value : undefined;
}

/** A body field, lower-cased and hashed (no email address lands in the limit store). */
function byBodyField(field: string): (req: Request) => string | undefined {
  return (req) => {
    const value = bodyField(req, field);
    return value === undefined ? undefined : hashed(value);
  };
}

/**
 * Which account a login names, whichever of its names (username or email, any letter case) it uses;
 * resolves to undefined for a name that is no account's (then the name itself is counted).
 */
export type AccountOfLogin = (login: string) => Promise<number | undefined>;

/** The per-account partition of a login: the account itself, or for unknown names the name (hashed). */
function byAccount(accountOf: AccountOfLogin): (req: Request) => Promise<string | undefined> {
  return async (req) => {
    const login = bodyField(req, 'username');
    if (login === undefined || login.includes('\0')) return undefined;
    const account = await accountOf(login);
    return account === undefined ? `name:${hashed(login)}` : `account:${account}`;
  };
}

const HEALTH = new Set([documentAffordances.health.path.pattern, documentAffordances.ready.path.pattern]);
const failedLogin = (status: number) => status === 401;

export interface RateLimitDeps {
  limiter: LimiterFactory;
  accountOf: AccountOfLogin;
  onError(error: unknown): void;
  /** Counts each policy's refusals (API.md §13 metrics). */
  refusals?(policy: string): () => void;
}

export function createRateLimits(overrides: Partial<RateLimitSettings> | undefined, exemptIps: string[], deps: RateLimitDeps): RateLimits {
  const { limiter, onError, refusals } = deps;
  const limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  const exempt = new Set(exemptIps.map(normalizeIp));
  const options = { limiter, onError, ...(refusals && { refusals }), exempt: (req: Request) => exempt.has(normalizeIp(req.ip)) };
  const limit = (policy: RateLimitPolicy) => rateLimit(policy, options);

  const routes = Router();
  /** The limits of an affordance, on its own method and path. */
  const on = (affordance: { method: string; path: { pattern: string } }, ...handlers: RequestHandler[]) =>
    routes[affordance.method.toLowerCase() as 'post'](affordance.path.pattern, ...handlers);
  on(tokenAffordances.login,
    limit({ name: 'login-client', ...limits.loginFailuresPerClient, key: byClient, perClient: true, counts: failedLogin, failClosed: true }),
    // Keyed by the account, whichever name a login gives it; unknown names are throttled alike (no enumeration).
    limit({
      name: 'login-account', ...limits.loginFailuresPerAccount, key: byAccount(deps.accountOf), perClient: false,
      counts: failedLogin, remainingOnlyWhenExhausted: true, failClosed: true,
    }));
  on(userAffordances.register,
    limit({ name: 'register', ...limits.registrationsPerClient, key: byClient, perClient: true }),
    // Whether the address is new or not, each 202 mails it: the quota caps the mails, and counts alike for both.
    limit({ name: 'register-address', ...limits.registrationsPerAddress, key: byBodyField('email'), perClient: false, counts: (status) => status === 202 }));
  on(activationAffordances.resend,
    limit({ name: 'resend-client', ...limits.resendsPerClient, key: byClient, perClient: true }),
    limit({ name: 'resend-address', ...limits.resendsPerAddress, key: byBodyField('email'), perClient: false }));

  return {
    // Health probes come from load balancers at a steady pace: never throttle them.
    perClient: limit({ name: 'default', ...limits.perClient, key: (req) => (HEALTH.has(req.path) ? undefined : byClient(req)), perClient: true }),
    routes,
  };
}
