import { expect } from 'chai';
import { correctable, oneEditAway, searchTermsOf } from '../../src/recipes/search-terms.ts';

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

  it('spells out every word one edit away, and only those', () => {
    const variants = oneEditAway('chiken');
    expect(variants).to.include.members(['chicken', 'chikn', 'hciken', 'chikan']).and.not.include('chiken');
    expect(new Set(variants).size).to.equal(variants.length);
    expect(variants.every((v) => Math.abs(v.length - 6) <= 1)).to.equal(true);
  });
});
