import { pageKeys } from '../src/core/cache-keys.ts';
import type { RenderContext, Visibility } from '../src/core/representation.ts';
import { previewNameOf } from '../src/images/image-store.ts';
import { fieldValuesOf } from '../src/recipes/recipe-fields.ts';
import type { RecipeRecord } from '../src/recipes/recipe.repository.ts';
import { recipeEditSchema } from '../schemas/recipe.schema.ts';
import { affordanceLink, form } from './hal-forms.ts';
import { imagePaths } from './image.affordances.ts';
import { recipeAffordances, recipePaths } from './recipe.affordances.ts';
import { Resource, type Links } from './resource.ts';
import { userPaths } from './user.affordances.ts';

/** What a recipe representation shows: the entity or a listing's row, with its author's id and name. */
export type RecipeView = RecipeRecord;

/** Bump when the rendering of a recipe changes, so that version-based ETags change with it. */
const RENDERING = 3;

/** `/recipes/{id}` (API.md §5): templates and edit-media exactly for what the caller may do right now (recipe.affordances.ts). */
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

  override cacheKeys(): readonly string[] {
    return pageKeys.recipe(this.recipe);
  }

  protected override properties() {
    const r = this.recipe;
    return {
      id: r.id,
      ...fieldValuesOf(r),
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
      ...(recipe.cover && {
        cover: { href: uris.of(imagePaths.file, { file: recipe.cover }), title: 'Cover image' },
        preview: { href: uris.of(imagePaths.file, { file: previewNameOf(recipe.cover) }), title: 'Cover preview (160 × 160)' },
      }),
      ...affordanceLink(this.ctx, recipe, recipeAffordances.setCover, uris.of(recipePaths.cover, { id: recipe.id })),
    };
  }

  protected override forms() {
    const { recipe, uris } = this;
    const { edit, delete: remove, publish, unpublish } = recipeAffordances;
    const self = () => this.self;
    const publication = () => uris.of(recipePaths.publication, { id: recipe.id });
    return [
      form(edit, recipe, self, () => fieldValuesOf(recipe)), form(remove, recipe, self),
      form(publish, recipe, publication), form(unpublish, recipe, publication),
    ];
  }
}
