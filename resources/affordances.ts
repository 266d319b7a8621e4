import type { Affordance } from '../src/core/affordance.ts';
import { accountAffordances } from './account.affordances.ts';
import { activationAffordances } from './activation.affordances.ts';
import { documentAffordances } from './document.affordances.ts';
import { emailConfirmationAffordances } from './email-confirmation.affordances.ts';
import { imageAffordances } from './image.affordances.ts';
import { passwordResetAffordances } from './password-reset.affordances.ts';
import { recipeCollectionAffordances } from './recipe-collection.affordances.ts';
import { recipeAffordances } from './recipe.affordances.ts';
import { sessionAffordances } from './session.affordances.ts';
import { tokenAffordances } from './token.affordances.ts';
import { userAffordances } from './user.affordances.ts';

/**
 * Every affordance of the API, by resource type: the router registers exactly these (method, path)
 * pairs (test/unit/actions-registry.test.ts), and logs and metrics name requests by their ids.
 */
export const affordancesByType = {
  recipe: recipeAffordances,
  'recipe-collection': recipeCollectionAffordances,
  user: userAffordances,
  activation: activationAffordances,
  account: accountAffordances,
  'password-reset': passwordResetAffordances,
  'email-confirmation': emailConfirmationAffordances,
  session: sessionAffordances,
  token: tokenAffordances,
  image: imageAffordances,
  document: documentAffordances,
} as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of affordances over every state type
export const allAffordances: ReadonlyArray<Affordance<any>> = Object.values(affordancesByType).flatMap((table) => Object.values(table));
