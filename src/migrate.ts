import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { entities } from './entities.ts';
import { createLogger } from './logger.ts';

/** `npm run migration:up`: applies pending migrations (the server also does this on start). */
const config = loadConfig();
const logger = createLogger(config.logLevel);
const database = await openDatabase(config, entities, logger);
await database.close();
logger.info('database is up to date');
