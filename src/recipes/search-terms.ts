/**
 * What a search `q` asks for (API.md §6), read the way `websearch_to_tsquery` reads it: words, all of
 * which must match, in any order; `"two words"` a phrase; `-word` or `-"two words"` left out. It is
 * never an error: an unclosed quote is closed at the end, a lone `-` is ignored. Unlike
 * websearch_to_tsquery, `or` is a word like the others (an English stop word, so it matches nothing
 * and is dropped): people type "salt or pepper" meaning recipes with salt and pepper as often as an
 * alternative, and a query that silently widens is worse than one that stays all-of.
 */
export interface SearchTerm {
  text: string;
  phrase: boolean;
}

export interface SearchTerms {
  /** Every one must match. */
  required: SearchTerm[];
  /** A recipe matching any of these is left out. */
  excluded: SearchTerm[];
}

/** One pass over q: quotes open and close phrases, `-` at the start of a word or phrase excludes it. */
export function searchTermsOf(q: string): SearchTerms {
  const terms: SearchTerms = { required: [], excluded: [] };
  const pattern = /(-?)"([^"]*)("|$)|(-?)([^\s"]+)/g;
  for (const match of q.matchAll(pattern)) {
    const [, phraseMinus, phrase, , wordMinus, word] = match;
    const term = phrase !== undefined ? { text: phrase.trim(), phrase: true } : { text: (word ?? '').replace(/^-+/, ''), phrase: false };
    if (!/[\p{L}\p{N}]/u.test(term.text)) continue;
    (phraseMinus || wordMinus ? terms.excluded : terms.required).push(term);
  }
  return terms;
}

/** Letters without accents, lower-cased: the form the vocabulary's words are compared in. */
export function foldedWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The shortest word of a search that a typo is corrected in (API.md §6: 5 letters or more), and the longest (no recipe word is longer). */
export const MIN_TYPO_LETTERS = 5;
export const MAX_TYPO_LETTERS = 30;

/**
 * Whether a required word may be a misspelling to correct: one word of MIN_TYPO_LETTERS letters or more
 * (a-z once folded; numbers, hyphenated words and phrases are taken as typed).
 */
const CORRECTABLE = new RegExp(`^[a-z]{${MIN_TYPO_LETTERS},${MAX_TYPO_LETTERS}}$`);
export function correctable(term: SearchTerm): boolean {
  return !term.phrase && CORRECTABLE.test(foldedWord(term.text));
}
