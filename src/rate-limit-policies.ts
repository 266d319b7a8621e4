import { Router, type Request, type RequestHandler } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { accountAffordances } from '../resources/account.affordances.ts';
import { activationAffordances } from '../resources/activation.affordances.ts';
import { documentAffordances } from '../resources/document.affordances.ts';
import { passwordResetAffordances } from '../resources/password-reset.affordances.ts';
import { tokenAffordances } from '../resources/token.affordances.ts';
import { userAffordances } from '../resources/user.affordances.ts';
import { normalizeIp } from './http/client-address.ts';
import { rateLimit, type LimiterFactory, type Quota, type RateLimitPolicy } from './http/rate-limiter.ts';
import { accountChecked, byBodyField, byClient, hashed, isAccountChange, type AccountOfLogin } from './rate-limit-keys.ts';

export type { AccountOfLogin } from './rate-limit-keys.ts';

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
  /** forgot-password requests of one client (429 beyond). */
  resetsPerClient: Quota;
  /** Reset mails to one address: beyond, forgot-password still answers 202 but mails nothing (never shown in a header). */
  resetMailsPerAddress: Quota;
  /** change-email requests of one client (each mails the new address a link or its owner a notice). */
  emailChangesPerClient: Quota;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  perClient: { limit: 600, windowSeconds: 60 },
  loginFailuresPerClient: { limit: 100, windowSeconds: 15 * 60 },
  loginFailuresPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  registrationsPerClient: { limit: 20, windowSeconds: 3600 },
  resendsPerClient: { limit: 10, windowSeconds: 3600 },
  resendsPerAddress: { limit: 5, windowSeconds: 3600 },
  registrationsPerAddress: { limit: 5, windowSeconds: 3600 },
  resetsPerClient: { limit: 20, windowSeconds: 3600 },
  resetMailsPerAddress: { limit: 5, windowSeconds: 3600 },
  emailChangesPerClient: { limit: 10, windowSeconds: 3600 },
};

export interface RateLimits {
  /** Mounted first: every request of a client, before its body is read. */
  perClient: RequestHandler;
  /** Mounted after body parsing: the limits of login, registration, resend-activation and the account's changes. */
  routes: RequestHandler;
  /**
   * Counts one reset mail for an address, whoever asks and whether or not an account has it (the same
   * work for every address); false once its quota is used up. A rate limit kept out of every response
   * header, whose count would tell a stranger about the address (API.md §10).
   */
  resetMailAllowed(email: string): Promise<boolean>;
}

const HEALTH = new Set([documentAffordances.health.path.pattern, documentAffordances.ready.path.pattern]);
const failedLogin = (status: number) => status === 401;
/** A failed password check: a login's 401, or an account change's 403 wrong-password (API.md §3). */
const failedPasswordCheck = (status: number, req: Request) => status === 401 || (status === 403 && isAccountChange(req));

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
  // One counter per account, whichever route checks its password: login and the account's own changes.
  const loginAccount = limit({
    name: 'login-account', ...limits.loginFailuresPerAccount, key: accountChecked(deps.accountOf), perClient: false,
    counts: failedPasswordCheck, remainingOnlyWhenExhausted: true, failClosed: true,
  });
  on(tokenAffordances.login,
    limit({ name: 'login-client', ...limits.loginFailuresPerClient, key: byClient, perClient: true, counts: failedLogin, failClosed: true }),
    // Keyed by the account, whichever name a login gives it; unknown names are throttled alike (no enumeration).
    loginAccount);
  for (const change of [accountAffordances.changePassword, accountAffordances.changeEmail, accountAffordances.deleteAccount]) on(change, loginAccount);
  on(accountAffordances.changeEmail, limit({ name: 'change-email', ...limits.emailChangesPerClient, key: byClient, perClient: true }));
  on(userAffordances.register,
    limit({ name: 'register', ...limits.registrationsPerClient, key: byClient, perClient: true }),
    // Whether the address is new or not, each 202 mails it: the quota caps the mails, and counts alike for both.
    limit({ name: 'register-address', ...limits.registrationsPerAddress, key: byBodyField('email'), perClient: false, counts: (status) => status === 202 }));
  on(activationAffordances.resend,
    limit({ name: 'resend-client', ...limits.resendsPerClient, key: byClient, perClient: true }),
    limit({ name: 'resend-address', ...limits.resendsPerAddress, key: byBodyField('email'), perClient: false }));
  on(passwordResetAffordances.forgot, limit({ name: 'reset-client', ...limits.resetsPerClient, key: byClient, perClient: true }));

  return {
    // Health probes come from load balancers at a steady pace: never throttle them.
    perClient: limit({ name: 'default', ...limits.perClient, key: (req) => (HEALTH.has(req.path) ? undefined : byClient(req)), perClient: true }),
    // Only the limited methods enter the router: given an OPTIONS, an Express router whose paths match
    // answers it itself (200, text/plain, `Allow: POST`) instead of the route's 204 with Allow, which
    // browsers, CORS and HAL clients read (API.md §9).
    routes: (req, res, next) => (req.method === 'OPTIONS' ? next() : routes(req, res, next)),
    resetMailAllowed: silentQuota('reset-address', limits.resetMailsPerAddress, deps),
  };
}

/** A quota the domain asks (no header, no 429): true while the hashed key has points left. */
function silentQuota(name: string, quota: Quota, deps: RateLimitDeps): (value: string) => Promise<boolean> {
  const counter = deps.limiter(name, quota, false);
  return async (value) => {
    try {
      return (await counter.consume(hashed(value))).consumedPoints <= quota.limit;
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) deps.onError(outcome);
      return false; // over the quota, or not countable now: nothing is sent
    }
  };
}
