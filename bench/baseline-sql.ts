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

const literal = (text: string) => pg.Client.prototype.escapeLiteral(text);

/** RecipeRepository: SUMMARY_COLUMNS and SUMMARY_FROM. */
const COLUMNS = `r.id, r.name, r.description, r.num_of_servings, r.cook_time, r.ingredients, r.directions,
  r.is_publish, r.cover, r.created_at, r.updated_at, r.version, r.user_id, u.username`;
const FROM = 'from recipes r join users u on u.id = r.user_id';
/** RecipeRepository orderOf('created_at', 'desc'). */
const ORDER = 'order by r.created_at desc, r.id desc';
/** RecipeRepository whereOf({ isPublish: true }, q). */
const where = (pattern?: string) => (pattern === undefined ? 'where r.is_publish'
  : `where r.is_publish and (r.name ilike ${literal(pattern)} or r.description ilike ${literal(pattern)} or r.ingredients ilike ${literal(pattern)})`);

/** RecipeRepository containsPattern(): LIKE's wildcards (and its escape) taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
  /** RecipeRepository.searchPage(): the matches behind an `offset 0` fence (one trigram scan), `count(*) over ()` taken before LIMIT. */
  search(pattern: string, limit: number, offset: number): string;
  /** RecipeRepository.countMatching(): only when a search page is past the end (no row carries the total). */
  countMatching(pattern: string): string;
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
  search: (pattern, limit, offset) => `select ${COLUMNS}, page.total ${FROM}
         join (select r.id, count(*) over () as total
                 from (select r.id, r.created_at, r.cook_time, r.num_of_servings from recipes r ${where(pattern)} offset 0) r
                 ${ORDER} limit ${limit} offset ${offset}) page
           on page.id = r.id ${ORDER}`,
  countMatching: (pattern) => `select count(*) as total from recipes r ${where(pattern)}`,
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
  search: (pattern, limit, offset) => `select ${COLUMNS} ${FROM} ${where(pattern)} ${ORDER} limit ${limit} offset ${offset}`,
  countMatching: apiSql.countMatching,
  summary: apiSql.summary,
  counted: false,
};

/** The naive shape's total of a page without a search. */
export const naiveCountSql = 'select count(*) as total from recipes r where r.is_publish';
