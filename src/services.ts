import { RequestContext } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import path from 'node:path';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { RootForms } from '../resources/root.resource.ts';
import { Uris } from '../resources/uris.ts';
import { loginSchema, logoutSchema, refreshSchema, registerSchema, resendActivationSchema } from '../schemas/account.schema.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { closeRedis, connectRedis, firstConnection } from './db/redis.ts';
import type { VerifyAccessToken } from './http/auth.ts';
import type { Readiness } from './health/health.routes.ts';
import { limiterFactory } from './http/rate-limit.ts';
import { purgeAlso } from './http/purge-changes.ts';
import type { ImageChange, ImageChangedHook } from './images/image-changes.ts';
import { ImageProcessor } from './images/image-processing.ts';
import { ImageReferenceRepository } from './images/image-reference.repository.ts';
import { imageRoutes } from './images/image.routes.ts';
import { ImageService } from './images/image.service.ts';
import { LocalImageStore } from './images/local-image-store.ts';
import { S3ImageStore } from './images/s3-image-store.ts';
import { StoredImageRepository } from './images/stored-image.repository.ts';
import { DEFAULT_MAINTENANCE, MaintenanceJob } from './maintenance/maintenance-job.ts';
import { MaintenanceRepository } from './maintenance/maintenance.repository.ts';
import { fileTransport, smtpTransport } from './mail/mail-transport.ts';
import { OutboxRepository } from './mail/outbox.repository.ts';
import { OutboxSender } from './mail/outbox-sender.ts';
import { RecipeRepository } from './recipes/recipe.repository.ts';
import { recipeRoutes } from './recipes/recipe.routes.ts';
import { RecipeService } from './recipes/recipe.service.ts';
import { createRateLimits, type RateLimits } from './rate-limits.ts';
import { AccessTokens } from './tokens/access-tokens.ts';
import { RefreshTokenRepository } from './tokens/refresh-token.repository.ts';
import { MemoryRevocationStore, RedisRevocationStore } from './tokens/revocation-store.ts';
import { tokenRoutes } from './tokens/token.routes.ts';
import { TokenService } from './tokens/token.service.ts';
import { activationRoutes } from './users/activation.routes.ts';
import { ActivationTokenRepository } from './users/activation-token.repository.ts';
import { UserRepository } from './users/user.repository.ts';
import { userRoutes } from './users/user.routes.ts';
import { UserService } from './users/user.service.ts';

/** The composition root's product: domain services wired together, and what HTTP needs of them. */
export interface Services {
  orm: MikroORM;
  /** What /health/ready checks: the database, and Redis and the object store when configured. */
  readiness: Readiness;
  verifyAccessToken: VerifyAccessToken;
  rootForms: RootForms;
  /** Domain routers, mounted in this order after the root. */
  routers: Router[];
  mailSender: OutboxSender;
  /** Sweeps orphaned images, expired tokens, delivered mail and accounts never activated. */
  maintenance: MaintenanceJob;
  /** API.md §10, in memory or (REDIS_URL) shared by every instance. */
  rateLimits: RateLimits;
  /** Stops background work (mail sender, …). */
  stop(): Promise<void>;
}

export async function createServices(config: Config, logger: Logger, database: Database): Promise<Services> {
  const { orm } = database;
  const em = () => orm.em;
  const mailUris = new Uris(config.mailBaseUrl);

  const outbox = new OutboxRepository(em);
  const transport = config.smtpUrl
    ? smtpTransport(config.smtpUrl, config.mailFrom)
    : fileTransport(path.join(config.dataDir, 'outbox'), config.mailFrom, logger);
  const mailSender = new OutboxSender(outbox, transport, (work) => RequestContext.create(orm.em, work), logger);

  const users = new UserRepository(em);
  const userService = new UserService({
    em, users, outbox,
    activationTokens: new ActivationTokenRepository(em),
    activationUrl: (token) => mailUris.activation(token),
    mailQueued: () => mailSender.kick(),
  });
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  if (redis) await firstConnection(redis);
  const redisKeyPrefix = config.redisKeyPrefix ?? 'smilecook:';
  const revoked = redis ? new RedisRevocationStore(redis, redisKeyPrefix) : new MemoryRevocationStore();
  const tokenService = new TokenService({
    em, users,
    refreshTokens: new RefreshTokenRepository(em),
    accessTokens: new AccessTokens(config.jwtSecret, config.publicBaseUrl ?? 'smilecook', 'smilecook-api', config.accessTokenTtl),
    revoked,
  });

  const recipeService = new RecipeService(new RecipeRepository(em), users);
  const store = config.s3 ? await S3ImageStore.connect(config.s3) : new LocalImageStore(path.join(config.dataDir, 'uploads'));
  const stored = new StoredImageRepository(em);
  const imageService = new ImageService({
    users: userService, recipes: recipeService, references: new ImageReferenceRepository(em), stored, store, processor: new ImageProcessor(),
  });
  const maintenance = new MaintenanceJob({
    rows: new MaintenanceRepository(em), stored, store, logger,
    transaction: (work) => RequestContext.create(orm.em, () => orm.em.transactional(() => work())),
  }, { ...DEFAULT_MAINTENANCE, ...config.maintenance });
  /** Cache purging (API.md §8): what a recipe or image change altered is purged before its response (src/http/purge-changes.ts). */
  const purgeChanged = (change: ImageChange) => purgeAlso({ purge: [change.resource, ...change.images], ban: change.collections });
  const onImageChanged: ImageChangedHook = purgeChanged;

  mailSender.start();
  maintenance.start();
  return {
    orm,
    readiness: {
      database: () => database.ping(),
      ...(redis && { redis: async () => void (await redis.ping()) }),
      ...(config.s3 && { storage: () => store.ping() }),
    },
    verifyAccessToken: (token) => tokenService.verifyAccessToken(token),
    rootForms: {
      register: registerSchema, resendActivation: resendActivationSchema, login: loginSchema, refresh: refreshSchema, logout: logoutSchema,
    },
    routers: [userRoutes(userService), activationRoutes(userService), tokenRoutes(tokenService),
      recipeRoutes(recipeService, { onRecipeChanged: purgeChanged, logger }), imageRoutes(imageService, { onImageChanged, logger })],
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
      if (store instanceof S3ImageStore) store.close();
      if (redis) await closeRedis(redis);
    },
  };
}
