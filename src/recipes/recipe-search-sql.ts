/**
 * From a search's terms to the `tsquery` texts a listing runs (API.md §6), for RecipeRepository: one
 * statement parses every word and phrase with the `recipe_text` configuration (stop words, accents,
 * English inflections, as the recipes' search vectors were made), and corrects a word of 5+ letters that
 * no recipe holds by the vocabulary (`recipe_lexemes`): each of its one-edit variants (spelled out by
 * `recipe_one_edit_away` in SQL, only for a word no recipe holds) is stemmed, and those the vocabulary
 * holds are looked up by equality (its primary key) — exact and index-only.
 * A trigram index over the vocabulary (pg_trgm `%`) was the other way: it finds words two or three
 * edits away too, which for short recipe words are other words (`bread` ~ `breast`), and costs a
 * trigram scan per word; the variants are one edit by construction, and `chocolat` still finds
 * `chocolate` (whose stem, `chocol`, is two edits from it) because the variants are stemmed.
 */
import type { TextQuery } from './recipe-sql.ts';
import { correctable, foldedWord, type SearchTerm, type SearchTerms } from './search-terms.ts';

export interface ParsedTerm {
  i: number;
  /** The term's own tsquery text ('' for stop words only). */
  query: string;
  /** Vocabulary words one edit away, when the word is unknown (null when it was not looked up). */
  fixes: string[] | null;
}

/**
 * The statement: one row per term, in `i` order. Its parameters: whether the listing may show drafts
 * (twice: only then are words known from drafts alone known or offered as corrections), then termsJson().
 */
export const PARSE_TERMS_SQL = `select (t->>'i')::int as i,
  (case when (t->>'phrase')::boolean then phraseto_tsquery('recipe_text', t->>'text')
        else plainto_tsquery('recipe_text', t->>'text') end)::text as query,
  case when (t->>'fix')::boolean
        and numnode(plainto_tsquery('recipe_text', t->>'text')) > 0
        and not exists (select 1 from recipe_lexemes l where l.lexeme = any(tsvector_to_array(to_tsvector('recipe_text', t->>'text')))
                        and (l.published or ?::boolean))
    then array(select l.lexeme from recipe_lexemes l
               where l.lexeme = any(tsvector_to_array(to_tsvector('recipe_text', recipe_one_edit_away(lower(unaccent(t->>'text'))))))
                 and (l.published or ?::boolean)
               order by 1)
  end as fixes
from jsonb_array_elements(?::jsonb) t order by 1`;

/** The parameter of PARSE_TERMS_SQL: required terms first, then excluded ones; only required words are corrected. */
export function termsJson(terms: SearchTerms): string {
  const rows = [...terms.required.map((term) => ({ term, fix: correctable(term) })), ...terms.excluded.map((term) => ({ term, fix: false }))];
  return JSON.stringify(rows.map(({ term, fix }, i) => ({ i, text: term.text, phrase: term.phrase, fix })));
}

/** A word as typed, as a PostgreSQL regular expression matching it as a whole word (folded as the name is: lower(unaccent())). */
function typedWord(word: string): string {
  return `\\m${foldedWord(word).replace(/[^\p{L}\p{N}]/gu, (c) => `\\${c}`)}\\M`;
}

/** A lexeme as a tsquery operand (taken as it is: no parsing, no stemming). */
function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, '\'\'')}'`;
}

/** The statement's rows as the TextQuery of a listing. */
export function textQueryOf(terms: SearchTerms, rows: readonly ParsedTerm[]): TextQuery {
  const byIndex = new Map(rows.map((row) => [Number(row.i), row]));
  const queryOf = (_term: SearchTerm, i: number): string => {
    const row = byIndex.get(i);
    const alternatives = [row?.query ?? '', ...(row?.fixes ?? []).map(lexeme)].filter((query) => query !== '');
    return alternatives.length > 1 ? alternatives.map((query) => `( ${query} )`).join(' | ') : alternatives[0] ?? '';
  };
  const required = terms.required.map((term, i) => ({ term, query: queryOf(term, i) })).filter(({ query }) => query !== '');
  const excluded = terms.excluded.map((term, i) => queryOf(term, terms.required.length + i)).filter((query) => query !== '');
  return {
    match: required.map(({ query }) => `( ${query} )`).join(' & '),
    exclude: excluded.map((query) => `( ${query} )`).join(' | '),
    terms: required.map(({ term, query }) => ({ query, ...(!term.phrase && { typed: typedWord(term.text) }) })),
  };
}
