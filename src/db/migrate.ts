import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { openDatabase } from './database.ts';

/** `npm run migration:up`: applies pending migrations (the server also does this on start). */
const config = loadConfig();
const logger = createLogger(config.logLevel);
const database = await openDatabase(config, logger);
await database.close();
logger.info('database is up to date');
