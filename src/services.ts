import type { MikroORM } from '@mikro-orm/postgresql';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { Uris } from './core/uris.ts';
import type { Database } from './db/database.ts';
import { closeRedis, connectRedis, firstConnection } from './db/redis.ts';
import { Transactions } from './db/transactions.ts';
import type { Readiness } from './health/health.routes.ts';
import type { VerifyAccessToken } from './http/auth.ts';
import type { Route } from './http/routing.ts';
import { limiterFactory } from './http/rate-limiter.ts';
import { editMediaRoutes } from './images/edit-media.routes.ts';
import { imageFileRoutes } from './images/image-file.routes.ts';
import { openImages } from './images/image-wiring.ts';
import { fileTransport, smtpTransport } from './mail/mail-transport.ts';
import { OutboxRepository } from './mail/outbox.repository.ts';
import { OutboxSender } from './mail/outbox-sender.ts';
import { DEFAULT_MAINTENANCE, MaintenanceJob } from './maintenance/maintenance-job.ts';
import { MaintenanceRepository } from './maintenance/maintenance.repository.ts';
import { createRateLimits, type RateLimits } from './rate-limit-policies.ts';
import { RecipeRepository } from './recipes/recipe.repository.ts';
import { recipeRoutes } from './recipes/recipe.routes.ts';
import { RecipeService } from './recipes/recipe.service.ts';
import { AccessTokens } from './tokens/access-tokens.ts';
import { RefreshTokenRepository } from './tokens/refresh-token.repository.ts';
import { MemoryRevocationStore, RedisRevocationStore } from './tokens/revocation-store.ts';
import { tokenRoutes } from './tokens/token.routes.ts';
import { TokenService } from './tokens/token.service.ts';
import { activationRoutes } from './users/activation.routes.ts';
import { ActivationTokenRepository } from './users/activation-token.repository.ts';
import { userPaths } from './users/user.actions.ts';
import { UserRepository } from './users/user.repository.ts';
import { userRoutes } from './users/user.routes.ts';
import { UserService } from './users/user.service.ts';

/** The composition root's product: domain services wired together, and what HTTP needs of them. */
export interface Services {
  orm: MikroORM;
  /** What /health/ready checks: the database, and Redis and the object store when configured. */
  readiness: Readiness;
  verifyAccessToken: VerifyAccessToken;
  /** Every domain route (registered on the app's one router, after the root's). */
  routes: Route[];
  mailSender: OutboxSender;
  /** Sweeps orphaned images, expired tokens, delivered mail and accounts never activated. */
  maintenance: MaintenanceJob;
  /** API.md §10, in memory or (REDIS_URL) shared by every instance. */
  rateLimits: RateLimits;
  /** Stops background work (mail sender, maintenance) and closes connections. */
  stop(): Promise<void>;
}

export async function createServices(config: Config, logger: Logger, database: Database): Promise<Services> {
  const { orm } = database;
  const em = () => orm.em;
  const tx = new Transactions(orm);
  const mailUris = new Uris(config.mailBaseUrl);

  const outbox = new OutboxRepository(em);
  const transport = config.smtpUrl
    ? smtpTransport(config.smtpUrl, config.mailFrom)
    : fileTransport(path.join(config.dataDir, 'outbox'), config.mailFrom, logger);
  const mailSender = new OutboxSender(outbox, transport, (work) => tx.detached(work), logger);

  const users = new UserRepository(em);
  const userService = new UserService({
    tx, users, outbox,
    activationTokens: new ActivationTokenRepository(em),
    activationUrl: (token) => mailUris.of(userPaths.activation, { token }),
    mailQueued: () => mailSender.kick(),
  });
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  if (redis) await firstConnection(redis);
  const redisKeyPrefix = config.redisKeyPrefix ?? 'smilecook:';
  const tokenService = new TokenService({
    tx, users,
    refreshTokens: new RefreshTokenRepository(em),
    accessTokens: new AccessTokens(config.jwtSecret, config.publicBaseUrl ?? 'smilecook', 'smilecook-api', config.accessTokenTtl),
    revoked: redis ? new RedisRevocationStore(redis, redisKeyPrefix) : new MemoryRevocationStore(),
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
    routes: [
      ...recipeRoutes(recipeService), ...imageFileRoutes(images.service, logger), ...editMediaRoutes(images.service),
      ...userRoutes(userService), ...activationRoutes(userService), ...tokenRoutes(tokenService),
    ],
    mailSender,
    maintenance,
    rateLimits: createRateLimits(config.rateLimits, config.rateLimitExempt, {
      limiter: limiterFactory(redis, redisKeyPrefix),
      accountOf: async (login) => (await users.findForLogin(login))?.id,
      onError: (error) => logger.warn({ err: error }, 'rate limit store failed'),
    }),
    async stop() {
      await maintenance.stop();
      await mailSender.stop();
      images.close();
      if (redis) await closeRedis(redis);
    },
  };
}
