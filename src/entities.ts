import { RecipeEntity } from './recipes/recipe.entity.ts';
import { OutboxMailEntity } from './mail/outbox-mail.entity.ts';
import { RefreshTokenEntity } from './tokens/refresh-token.entity.ts';
import { ActivationTokenEntity } from './users/activation-token.entity.ts';
import { UserEntity } from './users/user.entity.ts';

/** Every entity the ORM knows (given to src/db's ormOptions); schema changes go through committed migrations only. */
export const entities = [UserEntity, RecipeEntity, RefreshTokenEntity, ActivationTokenEntity, OutboxMailEntity];
