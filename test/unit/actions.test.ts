import { expect } from 'chai';
import { RecipeCollectionResource } from '../../resources/recipe-collection.resource.ts';
import { RecipeResource, type RecipeView } from '../../resources/recipe.resource.ts';
import { RootResource } from '../../resources/root.resource.ts';
import { UserResource } from '../../resources/user.resource.ts';
import { AppError } from '../../src/core/app-error.ts';
import type { Caller } from '../../src/core/caller.ts';
import { Uris } from '../../src/core/uris.ts';
import type { Transactions } from '../../src/db/transactions.ts';
import type { Recipe } from '../../src/recipes/recipe.entity.ts';
import type { RecipeRepository } from '../../src/recipes/recipe.repository.ts';
import { RecipeService } from '../../src/recipes/recipe.service.ts';
import type { UserRepository } from '../../src/users/user.repository.ts';

const uris = new Uris();
const OWNER: Caller = { id: 1, username: 'owner' };
const OTHER: Caller = { id: 2, username: 'other' };
const CALLERS = { owner: OWNER, other: OTHER, anonymous: null } as const;
type Who = keyof typeof CALLERS;

function recipe(isPublish: boolean): RecipeView {
  const at = new Date('2026-12-01T10:00:00Z');
  return {
    id: 7, name: 'Soup', description: '', numOfServings: 2, cookTime: 10, ingredients: '', directions: '', isPublish,
    cover: null, createdAt: at, updatedAt: at, version: 3, user: { id: OWNER.id, username: OWNER.username },
  };
}

/** The exact templates and action links a caller is offered, as rendered. */
function offers(resource: { toHal(): object }): { templates: string[]; links: string[] } {
  const hal = resource.toHal() as { _links: Record<string, unknown>; _templates?: Record<string, unknown> };
  return { templates: Object.keys(hal._templates ?? {}).sort(), links: Object.keys(hal._links).filter((rel) => rel === 'edit-media' || rel === 'drafts') };
}

/** A RecipeService on a repository that holds one recipe in memory: the rules only, no database (API tests cover that). */
function serviceWith(state: RecipeView): { service: RecipeService; written: () => number } {
  let flushes = 0;
  const entity = () => ({ ...state }) as unknown as Recipe;
  const repository = {
    findForUpdate: async () => entity(), findById: async () => entity(), flush: async () => void (flushes += 1), remove: () => undefined,
  } as unknown as RecipeRepository;
  const tx = { run: (work: () => Promise<unknown>) => work() } as unknown as Transactions;
  return { service: new RecipeService(repository, {} as UserRepository, tx), written: () => flushes };
}

/** What the service answers for each write: 'done', or the problem's status. */
async function attempt(work: () => Promise<unknown>): Promise<'done' | number> {
  try {
    await work();
    return 'done';
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

describe('actions: one declaration decides the template and the check (issue 11)', () => {
  const expected: Record<`${Who}/${'draft' | 'published'}`, { templates: string[]; links: string[]; service: Record<string, 'done' | number> }> = {
    'owner/draft': { templates: ['delete', 'edit', 'publish'], links: ['edit-media'], service: { edit: 'done', delete: 'done', publish: 'done', unpublish: 'done', cover: 'done' } },
    'owner/published': { templates: ['delete', 'edit', 'unpublish'], links: ['edit-media'], service: { edit: 'done', delete: 'done', publish: 'done', unpublish: 'done', cover: 'done' } },
    'other/draft': { templates: [], links: [], service: { edit: 404, delete: 404, publish: 404, unpublish: 404, cover: 404 } },
    'other/published': { templates: [], links: [], service: { edit: 403, delete: 403, publish: 403, unpublish: 403, cover: 403 } },
    'anonymous/draft': { templates: [], links: [], service: {} },
    'anonymous/published': { templates: [], links: [], service: {} },
  };

  for (const [key, want] of Object.entries(expected)) {
    const [who, state] = key.split('/') as [Who, 'draft' | 'published'];
    it(`${who} × ${state}: offers exactly ${want.templates.join(', ') || 'nothing'}, and the service refuses exactly the rest`, async () => {
      const view = recipe(state === 'published');
      expect(offers(new RecipeResource({ uris, caller: CALLERS[who] }, view))).to.deep.equal({ templates: want.templates, links: want.links });
      const caller = CALLERS[who];
      if (caller === null) return; // anonymous writes never reach the service: the routes answer 401 first (recipes-access tests)
      const { service } = serviceWith(view);
      const none = () => undefined;
      const outcomes = {
        edit: await attempt(() => service.edit(caller, 7, { name: 'Changed' }, none)),
        delete: await attempt(() => service.delete(caller, 7, none)),
        publish: await attempt(() => service.setPublished(caller, 7, true, none)),
        unpublish: await attempt(() => service.setPublished(caller, 7, false, none)),
        cover: await attempt(() => service.setCover(caller, 7, null, none)),
      };
      expect(outcomes).to.deep.equal(want.service);
      // Every offered template names an action the service carries out.
      for (const name of want.templates) expect(outcomes[name as keyof typeof outcomes], name).to.equal('done');
    });
  }

  it('offers create on /recipes to anyone logged in, and on a user\'s list to that user only', () => {
    const list = (owner?: { id: number; username: string }) => ({
      items: [], total: 0, page: 1, perPage: 20, query: {}, revision: 1, ...(owner && { owner: { ...owner, shown: 'public' as const } }),
    });
    const templates = (caller: Caller | null, owner?: { id: number; username: string }) => offers(new RecipeCollectionResource({ uris, caller }, list(owner))).templates;
    expect([templates(null), templates(OWNER), templates(OTHER)]).to.deep.equal([[], ['create'], ['create']]);
    expect([templates(null, OWNER), templates(OWNER, OWNER), templates(OTHER, OWNER)]).to.deep.equal([[], ['create'], []]);
  });

  it('offers the avatar\'s edit-media and the drafts link to the user themself only', () => {
    const user = { id: OWNER.id, username: 'owner', email: 'o@example.test', avatar: null, createdAt: new Date(), updatedAt: new Date(), version: 1 };
    expect(offers(new UserResource({ uris, caller: OWNER }, user)).links).to.deep.equal(['drafts', 'edit-media']);
    expect(offers(new UserResource({ uris, caller: OTHER }, user)).links).to.deep.equal([]);
    expect(offers(new UserResource({ uris, caller: null }, user)).links).to.deep.equal([]);
  });

  it('offers the account templates on the root by who asks', () => {
    expect(offers(new RootResource({ uris, caller: null }, '1')).templates).to.deep.equal(['login', 'refresh', 'register', 'resend-activation']);
    expect(offers(new RootResource({ uris, caller: OWNER }, '1')).templates).to.deep.equal(['logout', 'refresh']);
  });
});
