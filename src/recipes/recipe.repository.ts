import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { plainRows } from '../db/plain-sql.ts';
import type { User } from '../users/user.entity.ts';
import { RecipeEntity, type Recipe } from './recipe.entity.ts';
import type { RecipeValues } from './recipe-fields.ts';
import { PARSE_TERMS_SQL, termsJson, textQueryOf, type ParsedTerm } from './recipe-search-sql.ts';
import {
  matchesOf, orderOf, rankOf, SUMMARY_COLUMNS, SUMMARY_FROM, summaryOf, whereOf,
  type PageSpec, type RecipeFilter, type RecipeScope, type RecipeStats, type RecipeSummary, type SummaryRow, type TextQuery,
} from './recipe-sql.ts';
import type { SearchTerms } from './search-terms.ts';

export type {
  PageSpec, RecipeFilter, RecipeRecord, RecipeScope, RecipeSort, RecipeStats, RecipeSummary, SortOrder, TextQuery,
} from './recipe-sql.ts';

/** Recipes: the only code that queries them. */
export class RecipeRepository {
  constructor(private readonly em: () => EntityManager) {}

  /** One recipe with its author, or null. */
  findById(id: number): Promise<Recipe | null> {
    return this.em().findOne(RecipeEntity, { id }, { populate: ['user'] });
  }

  /** One recipe, its row locked for the rest of the transaction, with its author. */
  async findForUpdate(id: number): Promise<Recipe | null> {
    const recipe = await this.em().findOne(RecipeEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (recipe) await this.em().populate(recipe, ['user']);
    return recipe;
  }

  /**
   * One page of a listing with the authors joined: plain rows (no entities to hydrate). A deferred join:
   * the ids of the page come from the sort index alone (an index-only scan, even far into the listing),
   * and only those 20 rows are read and joined. Skipping OFFSET whole rows and joins did not scale:
   * page 22 500 of a million recipes took seconds.
   */
  async findPage(scope: RecipeScope, page: PageSpec): Promise<RecipeSummary[]> {
    return (await this.page(scope, {}, page, false)).items;
  }

  /**
   * A search's words and phrases as tsquery texts, typos corrected (recipe-search-sql.ts): one statement,
   * run before the page so that the page's own plan sees the query as a constant.
   */
  async textQuery(terms: SearchTerms, withDrafts: boolean): Promise<TextQuery> {
    if (terms.required.length + terms.excluded.length === 0) return { match: '', exclude: '', terms: [] };
    return textQueryOf(terms, await plainRows<ParsedTerm>(this.em(), PARSE_TERMS_SQL, [withDrafts, withDrafts, termsJson(terms)]));
  }

  /**
   * A page of a search or a filtered listing and the number of all its matches, from one scan of the
   * GIN index of search vectors (`count(*) over ()` is taken before LIMIT); null when the page is past
   * the end (no row to carry it). The matches are found behind an `offset 0` fence: PostgreSQL 15 costs a
   * LIMIT over a whole-partition window as if it stopped early, and walked the sort index filtering every
   * row instead (a 1 % search of a million recipes took 4.9 s of PostgreSQL CPU, a fenced bitmap scan 88 ms).
   */
  searchPage(scope: RecipeScope, filter: RecipeFilter, page: PageSpec): Promise<{ items: RecipeSummary[]; total: number | null }> {
    return this.page(scope, filter, page, true);
  }

  private async page(scope: RecipeScope, filter: RecipeFilter, page: PageSpec, counted: boolean) {
    const where = whereOf(scope, filter);
    const relevance = page.sort === 'relevance';
    const rank = relevance ? rankOf(filter.text) : { sql: '0', params: [] };
    const order = orderOf(page.sort, page.order);
    const from = counted ? matchesOf(where.sql, rank.sql) : `recipes r ${where.sql}`;
    const rows = await plainRows<SummaryRow & { total?: string | number }>(
      this.em(),
      `select ${SUMMARY_COLUMNS}${counted ? ', page.total' : ''} ${SUMMARY_FROM}
         join (select r.id${relevance ? ', r.rank' : ''}${counted ? ', count(*) over () as total' : ''} from ${from} ${order} limit ? offset ?) page
           on page.id = r.id ${orderOf(page.sort, page.order, 'page')}`,
      [...rank.params, ...where.params, page.limit, page.offset],
    );
    return { items: rows.map(summaryOf), total: counted && rows[0] ? Number(rows[0].total) : null };
  }

  /** One recipe as a listing shows it (the author's id and username only), or null: one plain query. */
  async findSummary(id: number): Promise<RecipeSummary | null> {
    const rows = await plainRows<SummaryRow>(this.em(), `select ${SUMMARY_COLUMNS} ${SUMMARY_FROM} where r.id = ?`, [id]);
    return rows[0] ? summaryOf(rows[0]) : null;
  }

  /** count(*) of a search or a filtered listing; totals of the others come from the trigger-kept counters. */
  async countMatching(scope: RecipeScope, filter: RecipeFilter): Promise<number> {
    const where = whereOf(scope, filter);
    const rows = await plainRows<{ total: string | number }>(
      this.em(),
      `select count(*) as total from recipes r ${where.sql}`, where.params,
    );
    return Number(rows[0]?.total ?? 0);
  }

  /**
   * The published total and the change counters, summed over the counter slots the triggers keep
   * (no count(*); one statement, so one snapshot: see the recipe_stats_slots migration).
   */
  async stats(): Promise<RecipeStats> {
    const rows = await plainRows<Record<'published' | 'revision' | 'published_revision', string | number>>(
      this.em(),
      'select sum(published) as published, sum(revision) as revision, sum(published_revision) as published_revision from recipe_stats_slots',
    );
    const row = rows[0];
    return { published: Number(row?.published ?? 0), revision: Number(row?.revision ?? 0), publishedRevision: Number(row?.published_revision ?? 0) };
  }

  create(author: User, data: RecipeValues): Recipe {
    return this.em().create(RecipeEntity, { ...data, user: author, isPublish: false, cover: null } as never);
  }

  remove(recipe: Recipe): void {
    this.em().remove(recipe);
  }

  /** Writes the changes (an UPDATE whose version no longer matches is a 409: src/db/database-errors.ts). */
  async flush(): Promise<void> {
    await this.em().flush();
  }
}
