import { expect } from 'chai';
import { cacheKeys, changeKeys, facetsOf, pageKeys } from '../../src/core/cache-keys.ts';
import { loadConfig } from '../../src/config.ts';

const recipe = (id: number, userId: number, isPublish = true) => ({ id, isPublish, user: { id: userId } });

/**
 * src/core/cache-keys.ts: a page carries a key exactly when a change that purges that key may alter
 * it (API.md §8). Checked here key by key; test/deploy/cache-tags.test.ts checks it through Varnish.
 */
describe('cache keys: what pages name and what changes purge', () => {
  it('a listing page names its listing, the facets its query depends on, and every recipe and author it shows', () => {
    expect(pageKeys.listing(undefined, { sort: 'cook_time', per_page: 2 }, [recipe(7, 3), recipe(8, 3)]))
      .to.deep.equal(['p', 'pc', 'r7', 'a3', 'r8']);
    expect(pageKeys.listing(40, { q: 'soup', order: 'asc', visibility: 'public' }, [])).to.deep.equal(['l14', 'l14q']);
    expect(facetsOf({ sort: 'created_at', order: 'desc', page: 3, per_page: 10 })).to.deep.equal([]);
    expect(facetsOf({ max_cook_time: 30, min_servings: 2 })).to.deep.equal(['cook_time', 'num_of_servings']);
    expect(facetsOf({ sort: 'relevance', q: 'x' })).to.deep.equal(['text']);
    expect(facetsOf({ vegetarian: 'yes' }), 'a parameter it does not know: every facet').to.have.members(['text', 'cook_time', 'num_of_servings']);
  });

  it('an edit of a draft purges nothing; of a published recipe, its key and the facets of what changed', () => {
    expect(changeKeys.recipeEdited(recipe(7, 3, false), ['name', 'cook_time'])).to.deep.equal([]);
    expect(changeKeys.recipeEdited(recipe(7, 3), ['directions'])).to.deep.equal(['r7', 'pq', 'l3q']);
    expect(changeKeys.recipeEdited(recipe(7, 3), ['cook_time', 'num_of_servings'])).to.deep.equal(['r7', 'pc', 'l3c', 'ps', 'l3s']);
    expect(changeKeys.recipeEdited(recipe(7, 3), [])).to.deep.equal(['r7']);
    expect(changeKeys.recipeEdited(recipe(7, 3), ['spiciness']), 'a field it does not know: both listings whole').to.deep.equal(['r7', 'p', 'l3']);
  });

  it('publication, cover, avatar and account changes', () => {
    expect(changeKeys.recipeListed({ ...recipe(7, 3), cover: 'ab'.repeat(32) + '.webp' }, false)).to.deep.equal(['r7', 'p', 'l3', `i${'ab'.repeat(8)}`]);
    expect(changeKeys.recipeListed(recipe(7, 3, false), false), 'a draft deleted').to.deep.equal([]);
    expect(changeKeys.recipeListed(recipe(7, 3, false), true), 'unpublished').to.include.members(['r7', 'p', 'l3']);
    expect(changeKeys.cover(recipe(7, 3, false), ['a'.repeat(64) + '.webp', null])).to.deep.equal([]);
    expect(changeKeys.avatar({ id: 3 }, [null, 'c'.repeat(64) + '.webp'])).to.deep.equal(['u3', `i${'c'.repeat(16)}`]);
    expect(changeKeys.account(3)).to.deep.equal(['u3', 'a3', 'l3', 'p']);
  });

  it('keys every kind of page and change share the same names (a page is purged by the change that alters it)', () => {
    const shows = pageKeys.listing(3, { q: 'soup' }, [recipe(7, 3)]);
    expect(changeKeys.recipeEdited(recipe(7, 3), ['name']).some((key) => shows.includes(key))).to.equal(true);
    expect(pageKeys.recipe(recipe(7, 3))).to.deep.equal([cacheKeys.recipe(7), cacheKeys.author(3)]);
    expect(changeKeys.account(3)).to.include.members([...pageKeys.user({ id: 3 }), cacheKeys.author(3), cacheKeys.listing(3)]);
  });

  it('a page of 100 recipes by 100 authors with the largest ids names at most 8 kB', () => {
    const items = Array.from({ length: 100 }, (_, i) => recipe(2_147_483_647 - i, 2_147_483_647 - i));
    const header = pageKeys.listing(2_147_483_647, { q: 'x', sort: 'cook_time', max_cook_time: 5, min_servings: 2 }, items).join(' ');
    expect(header.length).to.be.below(8 * 1024);
  });

  it('CACHE_SHARED_MAX_AGE and CACHE_TAG_HEADER: defaults, and a clear refusal of a bad value', () => {
    const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/smilecook-config-unit', JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(base)).to.include({ cacheSharedMaxAge: 86400, cacheTagHeader: 'xkey' });
    expect(loadConfig({ ...base, CACHE_SHARED_MAX_AGE: '600', CACHE_TAG_HEADER: 'Surrogate-Key' }))
      .to.include({ cacheSharedMaxAge: 600, cacheTagHeader: 'Surrogate-Key' });
    for (const [name, value] of [['CACHE_TAG_HEADER', 'Cache-Control'], ['CACHE_TAG_HEADER', 'x key'], ['CACHE_SHARED_MAX_AGE', '-1']]) {
      expect(() => loadConfig({ ...base, [name!]: value }), `${name}=${value}`).to.throw(new RegExp(name!));
    }
  });
});
