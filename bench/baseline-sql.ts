/**
 * The SQL of the baseline: the SAME statements the API sends (src/recipes/recipe.repository.ts), so that
 * API ÷ baseline is the cost of everything the API adds around them. Keep these in step with the
 * repository: the bench's prepare step compares both servers' answers byte for byte, and a query that
 * drifts shows up there only when it changes a body.
 *
 * Like MikroORM's `execute(sql, params)`, values are inlined into the text (Platform.formatQuery with
 * pg's escapeLiteral) and sent with the simple query protocol: one round trip, no Bind.
 * The naive shape (exact count(*) beside a plain OFFSET join) is kept as the second, labelled baseline.
 */
import pg from 'pg';
import { PARSE_TERMS_SQL, termsJson, textQueryOf, type ParsedTerm } from '../src/recipes/recipe-search-sql.ts';
import { matchesOf, orderOf, rankOf, whereOf, type RecipeFilter, type TextQuery } from '../src/recipes/recipe-sql.ts';
import type { SearchTerms } from '../src/recipes/search-terms.ts';

const literal = (text: string) => pg.Client.prototype.escapeLiteral(text);

/** `?` placeholders filled with inlined values, as MikroORM's formatQuery does. */
function inline(sql: string, params: readonly unknown[]): string {
  let i = 0;
  return sql.replace(/\?/g, () => {
    const value = params[i++];
    return typeof value === 'number' ? String(value) : literal(String(value));
  });
}

/** RecipeRepository: SUMMARY_COLUMNS and SUMMARY_FROM. */
const COLUMNS = `r.id, r.name, r.description, r.num_of_servings, r.cook_time, r.ingredients, r.directions,
  r.is_publish, r.cover, r.created_at, r.updated_at, r.version, r.user_id, u.username`;
const FROM = 'from recipes r join users u on u.id = r.user_id';
/** RecipeRepository orderOf('created_at', 'desc'). */
const ORDER = 'order by r.created_at desc, r.id desc';
/** RecipeRepository whereOf({ isPublish: true }) without a search. */
const where = () => 'where r.is_publish';

/** RecipeRepository.textQuery(): the statement that parses and corrects q's words (recipe-search-sql.ts), and its rows' use. */
export const termsSql = (terms: SearchTerms) => inline(PARSE_TERMS_SQL, [false, false, termsJson(terms)]);
export const textQuery = (terms: SearchTerms, rows: ParsedTerm[]): TextQuery => textQueryOf(terms, rows);

/** RecipeRepository.page() with counted matches (searchPage): the same clauses, by the same functions. */
function searchSql(filter: RecipeFilter, relevance: boolean, limit: number, offset: number): string {
  const found = whereOf({ isPublish: true }, filter);
  const rank = relevance ? rankOf(filter.text) : { sql: '0', params: [] };
  const sort = relevance ? 'relevance' : 'created_at';
  return inline(`select ${COLUMNS}, page.total ${FROM}
         join (select r.id${relevance ? ', r.rank' : ''}, count(*) over () as total from ${matchesOf(found.sql, rank.sql)} ${orderOf(sort, 'desc')}
           limit ? offset ?) page
           on page.id = r.id ${orderOf(sort, 'desc', 'page')}`, [...rank.params, ...found.params, limit, offset]);
}

export interface SummaryRow {
  id: number; name: string; description: string; num_of_servings: number | null; cook_time: number | null;
  ingredients: string; directions: string; is_publish: boolean; cover: string | null;
  created_at: Date; updated_at: Date; version: number; user_id: number; username: string; total?: string | number;
}

export interface StatsRow { published: string; revision: string; published_revision: string }

export interface QueryShape {
  /** RecipeRepository.stats(): the trigger-kept totals and validators (one row). */
  stats(): string;
  /** RecipeRepository.findPage() (page() without a search): the deferred join. */
  page(limit: number, offset: number): string;
  /** RecipeRepository.searchPage(): the matches behind an `offset 0` fence (one GIN scan), `count(*) over ()` taken before LIMIT. */
  search(filter: RecipeFilter, relevance: boolean, limit: number, offset: number): string;
  /** RecipeRepository.countMatching(): only when a search page is past the end (no row carries the total). */
  countMatching(filter: RecipeFilter): string;
  /** RecipeRepository.findSummary(): one recipe with its author's username. */
  summary(id: number): string;
  /** Whether totals come from the page query / stats (true) or from a separate count(*) (naive). */
  counted: boolean;
}

export const apiSql: QueryShape = {
  stats: () => 'select sum(published) as published, sum(revision) as revision, sum(published_revision) as published_revision from recipe_stats_slots',
  page: (limit, offset) => `select ${COLUMNS} ${FROM}
         join (select r.id from recipes r ${where()} ${ORDER} limit ${limit} offset ${offset}) page
           on page.id = r.id ${ORDER}`,
  search: searchSql,
  countMatching: (filter) => {
    const found = whereOf({ isPublish: true }, filter);
    return inline(`select count(*) as total from recipes r ${found.sql}`, found.params);
  },
  summary: (id) => `select ${COLUMNS} ${FROM} where r.id = ${id}`,
  counted: true,
};

/**
 * The old baseline's shape, for comparison only ("naive SQL: count(*) + ILIKE"): every page also runs an
 * exact count(*), pages join whole rows before OFFSET, a search counts in a second scan.
 * Its validators still come from the counter slots (it answers the same 304s).
 */
export const naiveSql: QueryShape = {
  stats: apiSql.stats,
  page: (limit, offset) => `select ${COLUMNS} ${FROM} ${where()} ${ORDER} limit ${limit} offset ${offset}`,
  search: (filter, relevance, limit, offset) => {
    const found = whereOf({ isPublish: true }, filter);
    return inline(`select ${COLUMNS} ${FROM} ${found.sql} ${ORDER} limit ? offset ?`, [...found.params, limit, offset]);
  },
  countMatching: apiSql.countMatching,
  summary: apiSql.summary,
  counted: false,
};

/** The naive shape's total of a page without a search. */
export const naiveCountSql = 'select count(*) as total from recipes r where r.is_publish';
