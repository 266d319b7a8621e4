import type { MikroORM } from '@mikro-orm/postgresql';
import path from 'node:path';
import type { Logger } from 'pino';
import { createAccountServices } from './account-services.ts';
import type { Config } from './config.ts';
import { Uris } from './core/uris.ts';
import type { Database } from './db/database.ts';
import { closeRedis, connectRedis, firstConnection } from './db/redis.ts';
import { Transactions } from './db/transactions.ts';
import type { VerifyAccessToken } from './http/auth.ts';
import { limiterFactory } from './http/rate-limiter.ts';
import type { ImageService } from './images/image.service.ts';
import { openImages } from './images/image-wiring.ts';
import { fileTransport } from './mail/dev-outbox.ts';
import { smtpTransport } from './mail/mail-transport.ts';
import { OutboxRepository } from './mail/outbox.repository.ts';
import { OutboxSender } from './mail/outbox-sender.ts';
import { DEFAULT_MAINTENANCE, MaintenanceJob } from './maintenance/maintenance-job.ts';
import { MaintenanceRepository } from './maintenance/maintenance.repository.ts';
import { createRateLimits, type RateLimits } from './rate-limit-policies.ts';
import { RecipeRepository } from './recipes/recipe.repository.ts';
import { RecipeService } from './recipes/recipe.service.ts';
import { AccessTokens } from './tokens/access-tokens.ts';
import { RefreshTokenRepository } from './tokens/refresh-token.repository.ts';
import { MemoryRevocationStore, RedisRevocationStore } from './tokens/revocation-store.ts';
import { TokenService } from './tokens/token.service.ts';
import { ActivationTokenRepository } from './users/activation-token.repository.ts';
import { UserRepository } from './users/user.repository.ts';
import { UserService } from './users/user.service.ts';
import { activationPaths } from '../resources/activation.affordances.ts';
import type { RouteDeps } from './routes/api-routes.ts';
import type { Readiness } from './routes/health.routes.ts';

/** The composition root's product: domain services wired together, and what HTTP needs of them. */
export interface Services {
  orm: MikroORM;
  /** What /health/ready checks: the database, and Redis and the object store when configured. */
  readiness: Readiness;
  verifyAccessToken: VerifyAccessToken;
  /** The domain services the HTTP adapters call (src/routes). */
  recipes: RecipeService;
  images: ImageService;
  users: UserService;
  tokens: TokenService;
  /** The account's life after registration (API.md §3): reset, changes, sessions, deletion. */
  account: RouteDeps['account'];
  mailSender: OutboxSender;
  /** Sweeps orphaned images, expired tokens, delivered mail and accounts never activated. */
  maintenance: MaintenanceJob;
  /** API.md §10, in memory or (REDIS_URL) shared by every instance. */
  rateLimits: RateLimits;
  /** Told by the server once it listens (the address a person at the terminal is shown). */
  listeningAt(url: string): void;
  /** Stops background work (mail sender, maintenance) and closes connections. */
  stop(): Promise<void>;
}

/** Mails link to http://localhost:$PORT (API.md §11); a person is shown the address the server listens on. */
function devLinks(config: Config, listening: { url: string }): { from: string; to(): string } | undefined {
  if (config.publicBaseUrl) return undefined;
  return { from: config.mailBaseUrl, to: () => listening.url };
}

export async function createServices(config: Config, logger: Logger, database: Database): Promise<Services> {
  const { orm } = database;
  const em = () => orm.em;
  const tx = new Transactions(orm);
  const mailUris = new Uris(config.mailBaseUrl);
  const listening = { url: config.mailBaseUrl };

  const outbox = new OutboxRepository(em);
  const transport = config.smtpUrl
    ? smtpTransport(config.smtpUrl, config.mailFrom)
    : fileTransport({
        dir: path.join(config.dataDir, 'outbox'), from: config.mailFrom, logger,
        // At a terminal (not in tests): the links on lines of their own, on the address the server listens on.
        ...(config.env !== 'test' && { announce: { write: (text: string) => process.stdout.write(text), links: devLinks(config, listening) } }),
      });
  const mailSender = new OutboxSender(outbox, transport, (work) => tx.detached(work), logger);

  const users = new UserRepository(em);
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  if (redis) await firstConnection(redis);
  const redisKeyPrefix = config.redisKeyPrefix ?? 'smilecook:';
  const rateLimits = createRateLimits(config.rateLimits, config.rateLimitExempt, {
    limiter: limiterFactory(redis, redisKeyPrefix),
    accountOf: async (login) => (await users.findForLogin(login))?.id,
    onError: (error) => logger.warn({ err: error }, 'rate limit store failed'),
  });
  const revoked = redis ? new RedisRevocationStore(redis, redisKeyPrefix) : new MemoryRevocationStore();
  const mailQueued = () => mailSender.kick();
  const account = createAccountServices({
    em, tx, users, outbox, revoked, accessTokenTtl: config.accessTokenTtl, mailUris, mailQueued, resetMailAllowed: rateLimits.resetMailAllowed,
  });
  const userService = new UserService({
    tx, users, outbox, mailQueued, links: account.links,
    activationTokens: new ActivationTokenRepository(em),
    activationUrl: (token) => mailUris.of(activationPaths.activation, { token }),
  });
  const tokenService = new TokenService({
    tx, users, revoked,
    refreshTokens: new RefreshTokenRepository(em),
    accessTokens: new AccessTokens(config.jwtSecret, config.publicBaseUrl ?? 'smilecook', 'smilecook-api', config.accessTokenTtl),
  });

  const recipeService = new RecipeService(new RecipeRepository(em), users, tx);
  const images = await openImages(config, em, { users: userService, recipes: recipeService });
  const maintenance = new MaintenanceJob({
    rows: new MaintenanceRepository(em), stored: images.stored, store: images.store, logger,
    transaction: (work) => tx.detached(() => tx.run(work)),
  }, { ...DEFAULT_MAINTENANCE, ...config.maintenance });

  mailSender.start();
  maintenance.start();
  return {
    orm,
    readiness: {
      database: () => database.ping(),
      ...(redis && { redis: async () => void (await redis.ping()) }),
      ...(config.s3 && { storage: () => images.store.ping() }),
    },
    verifyAccessToken: (token) => tokenService.verifyAccessToken(token),
    recipes: recipeService,
    images: images.service,
    users: userService,
    tokens: tokenService,
    mailSender,
    maintenance,
    rateLimits,
    account: { resets: account.resets, emails: account.emails, settings: account.settings, sessions: account.sessions },
    listeningAt(url) {
      listening.url = url;
    },
    async stop() {
      await maintenance.stop();
      await mailSender.stop();
      images.close();
      if (redis) await closeRedis(redis);
    },
  };
}
