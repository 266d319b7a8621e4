import type { MikroORM } from '@mikro-orm/postgresql';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { RootForms } from '../resources/root.resource.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { VerifyAccessToken } from './http/auth.ts';

/** The composition root's product: domain services wired together, and what HTTP needs of them. */
export interface Services {
  orm: MikroORM;
  ping(): Promise<void>;
  verifyAccessToken: VerifyAccessToken;
  rootForms: RootForms;
  /** Domain routers, mounted in this order after the root. */
  routers: Router[];
  /** Stops background work (mail sender, …). */
  stop(): Promise<void>;
}

export async function createServices(_config: Config, _logger: Logger, database: Database): Promise<Services> {
  return {
    orm: database.orm,
    ping: () => database.ping(),
    verifyAccessToken: async () => null,
    rootForms: {},
    routers: [],
    async stop() {},
  };
}
