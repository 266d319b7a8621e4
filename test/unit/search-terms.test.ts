import { expect } from 'chai';
import { correctable, searchTermsOf } from '../../src/recipes/search-terms.ts';

/** How q is read (API.md §6): words, "phrases", -exclusions, never an error. */
describe('search terms: q as people type it', () => {
  const word = (text: string) => ({ text, phrase: false });
  const phrase = (text: string) => ({ text, phrase: true });

  it('reads words, phrases and exclusions; closes an unclosed quote, ignores a lone -', () => {
    expect(searchTermsOf('carrot  cake -walnuts')).to.deep.equal({ required: [word('carrot'), word('cake')], excluded: [word('walnuts')] });
    expect(searchTermsOf('"tomato soup" -"green peas" gluten-free')).to.deep.equal({
      required: [phrase('tomato soup'), word('gluten-free')], excluded: [phrase('green peas')],
    });
    expect(searchTermsOf('soup - "unclosed phrase')).to.deep.equal({ required: [word('soup'), phrase('unclosed phrase')], excluded: [] });
    expect(searchTermsOf('% "" -- _')).to.deep.equal({ required: [], excluded: [] });
    expect(searchTermsOf('salt or pepper').required, '`or` is a word').to.deep.equal([word('salt'), word('or'), word('pepper')]);
  });

  it('corrects words of 5 to 30 letters only, never phrases or numbers', () => {
    expect(correctable(word('chiken'))).to.equal(true);
    expect(correctable(word('Crème'))).to.equal(true);
    expect(correctable(word('cury'))).to.equal(false);
    expect(correctable(word('x'.repeat(31)))).to.equal(false);
    expect(correctable(word('12345'))).to.equal(false);
    expect(correctable(phrase('chiken'))).to.equal(false);
  });
});
