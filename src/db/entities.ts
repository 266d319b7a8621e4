import { RecipeSchema } from '../recipes/recipe.entity.ts';
import { OutboxMailSchema } from '../mail/outbox-mail.entity.ts';
import { RefreshTokenSchema } from '../tokens/refresh-token.entity.ts';
import { ActivationTokenSchema } from '../users/activation-token.entity.ts';
import { UserSchema } from '../users/user.entity.ts';

/** Every entity the ORM knows; schema changes go through committed migrations only. */
export const entities = [UserSchema, RecipeSchema, RefreshTokenSchema, ActivationTokenSchema, OutboxMailSchema];
