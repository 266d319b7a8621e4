import type { EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';
import type { RecipeState } from '../recipes/recipe.policies.ts';

/** Who shows an image file: the only code that queries users.avatar and recipes.cover by file name. */
export class ImageReferenceRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** Whether some user has this file as their avatar (users_avatar_index). */
  async isAvatar(fileName: string): Promise<boolean> {
    const rows = await plainRows<unknown>(
      this.em(),
      'select 1 from "users" where "avatar" = ? limit 1', [fileName],
    );
    return rows.length > 0;
  }

  /**
   * Recipes with this cover that may be visible to the caller: at most one published one and one of
   * the caller's own (recipes_cover_index), so a popular picture costs no more than a rare one.
   * Whether each may really be seen is for the recipe permission rules to say.
   */
  async coverCandidates(fileName: string, callerId: number | null): Promise<RecipeState[]> {
    const published = '(select "is_publish", "user_id" from "recipes" where "cover" = ? and "is_publish" limit 1)';
    const own = '(select "is_publish", "user_id" from "recipes" where "cover" = ? and "user_id" = ? limit 1)';
    const rows = await plainRows<{ is_publish: boolean; user_id: number }>(
      this.em(),
      callerId === null ? published : `${published} union all ${own}`,
      callerId === null ? [fileName] : [fileName, fileName, callerId],
    );
    return rows.map((row) => ({ isPublish: row.is_publish, user: { id: Number(row.user_id) } }));
  }
}
