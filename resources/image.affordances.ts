import { affordance } from '../src/core/affordance.ts';
import { path } from '../src/core/paths.ts';
import { imagePolicies } from '../src/images/image.policies.ts';

/** The image files (API.md §7), content-addressed. */
export const imagePaths = {
  file: path('/images/:file'),
};

/**
 * Reading an image file. Who may change an image is an affordance of what shows it: the recipe's
 * cover (recipe.affordances.ts) or the user's avatar (user.affordances.ts).
 */
export const imageAffordances = {
  file: affordance({ id: 'image', name: 'self', method: 'GET', path: imagePaths.file, title: 'An image', policy: imagePolicies.view, ownBrowserAnswer: true }),
};
