import type { HalFormsTemplate } from 'hal-types';
import { recipeEditSchema } from '../schemas/recipe.schema.ts';
import {
  canDeleteRecipe, canEditRecipe, canPublishRecipe, canUnpublishRecipe, isRecipeOwner,
} from '../src/recipes/recipe-permissions.ts';
import { jsonTemplate } from './hal-forms.ts';
import { Resource, type Links, type RenderContext, type Visibility } from './resource.ts';

/** What a recipe representation shows (the entity, with its author loaded). */
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
  user: { id: number; username: string };
}

/** `/recipes/{id}` (API.md §5): templates exactly for what the caller may do right now. */
export class RecipeResource extends Resource {
  constructor(ctx: RenderContext, private readonly recipe: RecipeView) {
    super(ctx);
  }

  get self(): string {
    return this.uris.recipe(this.recipe.id);
  }

  get profile(): string {
    return recipeEditSchema.$id;
  }

  /** A draft is its owner's eyes only. */
  override visibility(): Visibility {
    return this.recipe.isPublish ? 'public' : 'private';
  }

  override lastModified(): Date {
    return this.recipe.updatedAt;
  }

  private get callerId(): number | null {
    return this.ctx.caller?.id ?? null;
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
      cover_url: r.cover ? this.uris.image(r.cover) : null,
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
    };
  }

  protected override links(): Links {
    const { uris, recipe } = this;
    return {
      author: { href: uris.user(recipe.user.username), title: recipe.user.username },
      collection: { href: uris.recipes(), title: 'Published recipes' },
      ...(recipe.cover && { cover: { href: uris.image(recipe.cover), title: 'Cover image' } }),
      ...(isRecipeOwner(recipe, this.callerId) && {
        'edit-media': { href: uris.recipeCover(recipe.id), title: 'Cover image (PUT an image, DELETE to remove)' },
      }),
    };
  }

  protected override templates(): Record<string, HalFormsTemplate> {
    const { uris, recipe, callerId } = this;
    const templates: Record<string, HalFormsTemplate> = {};
    if (canEditRecipe(recipe, callerId)) {
      templates.edit = jsonTemplate('PATCH', this.self, 'Edit the recipe', recipeEditSchema, this.writable());
    }
    if (canDeleteRecipe(recipe, callerId)) templates.delete = jsonTemplate('DELETE', this.self, 'Delete the recipe');
    if (canPublishRecipe(recipe, callerId)) {
      templates.publish = jsonTemplate('PUT', uris.recipePublish(recipe.id), 'Publish the recipe');
    }
    if (canUnpublishRecipe(recipe, callerId)) {
      templates.unpublish = jsonTemplate('DELETE', uris.recipePublish(recipe.id), 'Take the recipe back to draft');
    }
    return templates;
  }
}
