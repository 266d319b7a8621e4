import type { HalFormsTemplate } from 'hal-types';
import type { RenderContext, Visibility } from '../src/core/representation.ts';
import { imagePaths } from '../src/images/image.actions.ts';
import { recipeActions, recipePaths } from '../src/recipes/recipe.actions.ts';
import { userPaths } from '../src/users/user.actions.ts';
import { recipeEditSchema } from '../schemas/recipe.schema.ts';
import { actionLink, templatesOf } from './hal-forms.ts';
import { Resource, type Links } from './resource.ts';

/** What a recipe representation shows (the entity or a listing's row, with its author's id and name). */
export interface RecipeView {
  id: number;
  name: string;
  description: string;
  numOfServings?: number | null;
  cookTime?: number | null;
  ingredients: string;
  directions: string;
  isPublish: boolean;
  cover?: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Changes with every write to the recipe: the validator's seed. */
  version: number;
  user: { id: number; username: string };
}

/** Bump when the rendering of a recipe changes, so that version-based ETags change with it. */
const RENDERING = 1;

/** `/recipes/{id}` (API.md §5): templates and edit-media exactly for what the caller may do right now (recipe.actions.ts). */
export class RecipeResource extends Resource {
  constructor(ctx: RenderContext, private readonly recipe: RecipeView) {
    super(ctx);
  }

  get self(): string {
    return this.uris.of(recipePaths.item, { id: this.recipe.id });
  }

  get profile(): string {
    return recipeEditSchema.$id;
  }

  /** The version, and whether the caller is the owner (the only caller whose view differs: templates, edit-media). */
  protected override seed(): string {
    const owner = this.ctx.caller?.id === this.recipe.user.id;
    return `recipe|${RENDERING}|${this.recipe.id}|${this.recipe.version}|${owner ? 'owner' : 'reader'}`;
  }

  /** A draft is its owner's eyes only. */
  override visibility(): Visibility {
    return this.recipe.isPublish ? 'public' : 'private';
  }

  override lastModified(): Date {
    return this.recipe.updatedAt;
  }

  /** The writable properties, by their names in bodies (also the edit template's current values). */
  private writable() {
    const r = this.recipe;
    return {
      name: r.name,
      description: r.description,
      num_of_servings: r.numOfServings ?? null,
      cook_time: r.cookTime ?? null,
      ingredients: r.ingredients,
      directions: r.directions,
    };
  }

  protected override properties() {
    const r = this.recipe;
    return {
      id: r.id,
      ...this.writable(),
      is_publish: r.isPublish,
      cover_url: r.cover ? this.uris.of(imagePaths.file, { file: r.cover }) : null,
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
    };
  }

  protected override links(): Links {
    const { uris, recipe } = this;
    return {
      author: { href: uris.of(userPaths.user, { username: recipe.user.username }), title: recipe.user.username },
      collection: { href: uris.of(recipePaths.collection, {}), title: 'Published recipes' },
      ...(recipe.cover && { cover: { href: uris.of(imagePaths.file, { file: recipe.cover }), title: 'Cover image' } }),
      ...actionLink(this.ctx, recipe, recipeActions.setCover, uris.of(recipePaths.cover, { id: recipe.id })),
    };
  }

  protected override templates(): Record<string, HalFormsTemplate> {
    const { recipe, uris, self } = this;
    const publication = uris.of(recipePaths.publication, { id: recipe.id });
    return templatesOf(this.ctx, recipe, [
      [recipeActions.edit, self, this.writable()],
      [recipeActions.delete, self],
      [recipeActions.publish, publication],
      [recipeActions.unpublish, publication],
    ]);
  }
}
