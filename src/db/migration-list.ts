import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_initial } from './migrations/Migration20261125000000_initial.ts';
import { Migration20261125100000_listing_validators_and_indexes } from './migrations/Migration20261125100000_listing_validators_and_indexes.ts';
import { Migration20261202000000_maintenance_and_mail_ids } from './migrations/Migration20261202000000_maintenance_and_mail_ids.ts';
import { Migration20261202100000_recipe_stats_slots } from './migrations/Migration20261202100000_recipe_stats_slots.ts';
import { Migration20261206110000_account_life } from './migrations/Migration20261206110000_account_life.ts';
import { Migration20261206120000_idempotency_keys } from './migrations/Migration20261206120000_idempotency_keys.ts';
import { Migration20261206200000_recipe_search } from './migrations/Migration20261206200000_recipe_search.ts';

/**
 * Every migration, in order, imported statically: the production bundle (npm run build) has no
 * migration files to find at run time. A new migration file must be added here (test/unit/migrations.test.ts
 * fails until it is); the names are the file names, as recorded in mikro_orm_migrations.
 */
export const migrationList: MigrationObject[] = [
  { name: 'Migration20261125000000_initial', class: Migration20261125000000_initial },
  { name: 'Migration20261125100000_listing_validators_and_indexes', class: Migration20261125100000_listing_validators_and_indexes },
  { name: 'Migration20261202000000_maintenance_and_mail_ids', class: Migration20261202000000_maintenance_and_mail_ids },
  { name: 'Migration20261202100000_recipe_stats_slots', class: Migration20261202100000_recipe_stats_slots },
  { name: 'Migration20261206110000_account_life', class: Migration20261206110000_account_life },
  { name: 'Migration20261206120000_idempotency_keys', class: Migration20261206120000_idempotency_keys },
  { name: 'Migration20261206200000_recipe_search', class: Migration20261206200000_recipe_search },
];
