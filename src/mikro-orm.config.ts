import { loadConfig } from './config.ts';
import { ormOptions } from './db/orm-options.ts';
import { entities } from './entities.ts';

/** For the MikroORM CLI (migration:create and friends); needs DATABASE_URL. */
const config = loadConfig();
if (!config.databaseUrl) throw new Error('Set DATABASE_URL to use the MikroORM CLI.');
export default ormOptions({ url: config.databaseUrl, poolMax: 2 }, entities);
