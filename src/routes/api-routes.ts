import type { Logger } from 'pino';
import type { Uris } from '../core/uris.ts';
import type { Route } from '../http/routing.ts';
import type { ImageService } from '../images/image.service.ts';
import type { RecipeService } from '../recipes/recipe.service.ts';
import type { TokenService } from '../tokens/token.service.ts';
import type { SessionService } from '../tokens/session.service.ts';
import type { AccountService } from '../users/account.service.ts';
import type { EmailChangeService } from '../users/email-change.service.ts';
import type { PasswordResetService } from '../users/password-reset.service.ts';
import type { UserService } from '../users/user.service.ts';
import { accountRoutes } from './account.routes.ts';
import { activationRoutes } from './activation.routes.ts';
import { documentRoutes } from './document.routes.ts';
import { emailConfirmationRoutes } from './email-confirmation.routes.ts';
import { healthRoutes, type Readiness } from './health.routes.ts';
import { imageRoutes } from './image.routes.ts';
import { passwordResetRoutes } from './password-reset.routes.ts';
import { recipeCollectionRoutes } from './recipe-collection.routes.ts';
import { recipeRoutes } from './recipe.routes.ts';
import { rootRoutes } from './root.routes.ts';
import { sessionRoutes } from './session.routes.ts';
import { tokenRoutes } from './token.routes.ts';
import { userRoutes } from './user.routes.ts';
import { wellKnownRoutes } from './well-known.routes.ts';

/** What the HTTP adapters call: the domain services, and what the fixed documents are made of. */
export interface RouteDeps {
  recipes: RecipeService;
  images: ImageService;
  users: UserService;
  tokens: TokenService;
  /** The account's life after registration (API.md §3): reset, changes, sessions, deletion. */
  account: { resets: PasswordResetService; emails: EmailChangeService; settings: AccountService; sessions: SessionService };
  readiness: Readiness;
  uris: Uris;
  version: string;
  logger: Logger;
  /** The explorer's routes (its files are read by the wiring, which knows where they are). */
  explorer: Route[];
}

/**
 * Every route of the API, one adapter per resource type: exactly the affordances of
 * resources/affordances.ts (test/unit/actions-registry.test.ts). The busiest first (recipes, images): a
 * request walks one list of paths.
 */
export function apiRoutes(deps: RouteDeps): Route[] {
  return [
    ...recipeCollectionRoutes(deps.recipes), ...recipeRoutes(deps.recipes, deps.images), ...imageRoutes(deps.images, deps.logger),
    ...userRoutes(deps.users, deps.images), ...activationRoutes(deps.users), ...tokenRoutes(deps.tokens),
    ...accountRoutes(deps.account.settings, deps.account.emails), ...sessionRoutes(deps.account.sessions),
    ...passwordResetRoutes(deps.account.resets), ...emailConfirmationRoutes(deps.account.emails),
    ...rootRoutes(deps.version), ...documentRoutes(deps.uris), ...wellKnownRoutes(), ...deps.explorer, ...healthRoutes(deps.readiness),
  ];
}
